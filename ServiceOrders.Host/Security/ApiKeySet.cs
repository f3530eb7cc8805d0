using System.Security.Cryptography;
using System.Text;

namespace ServiceOrders.Host.Security;

/// <summary>
/// The valid API keys, compared so that the time a comparison takes tells an attacker nothing: every key is hashed to
/// the same length first (so the comparison never stops early on a length mismatch and the keys' lengths are not
/// given away), the digests are compared with <see cref="CryptographicOperations.FixedTimeEquals"/>, and a presented
/// key is compared with every valid key, not just until the first match.
/// </summary>
public sealed class ApiKeySet
{
    readonly byte[][] digests;

    public ApiKeySet(IEnumerable<string> keys) =>
        digests = [.. keys.Where(k => !string.IsNullOrEmpty(k)).Select(Digest)];

    public int Count => digests.Length;

    /// <summary>The position of the matching key (for the logs: which key a caller used, never the key), or -1.</summary>
    public int IndexOf(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || digests.Length == 0)
        {
            return -1;
        }

        var digest = Digest(presented);
        var found = -1;
        for (var i = 0; i < digests.Length; i++)
        {
            var equal = CryptographicOperations.FixedTimeEquals(digest, digests[i]);
            found = equal && found < 0 ? i : found;
        }

        return found;
    }

    public bool Contains(string? presented) => IndexOf(presented) >= 0;

    static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
