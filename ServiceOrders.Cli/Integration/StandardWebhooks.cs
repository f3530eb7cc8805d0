using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ServiceOrders.Cli.Integration;

/// <summary>
/// A receiver's check of a signed webhook request, written from the README's Webhooks section (Standard Webhooks), not
/// from the product's signing code: the key is the secret without <c>whsec_</c>, base64-decoded; the signature is the
/// base64 HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c> over the raw body, compared in constant time
/// with each space-separated <c>v1,</c> entry; a timestamp more than five minutes from now is refused.
/// </summary>
internal static class StandardWebhooks
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    const string SecretPrefix = "whsec_";
    const string VersionPrefix = "v1,";

    static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>Null when the request is genuine; otherwise why it must be refused.</summary>
    public static string? Verify(string secret, string? id, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return $"missing {(string.IsNullOrEmpty(id) ? IdHeader : string.IsNullOrEmpty(timestamp) ? TimestampHeader : SignatureHeader)} header";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return $"{TimestampHeader} '{timestamp}' is not Unix seconds";
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        if ((now - sent).Duration() > Tolerance)
        {
            return $"{TimestampHeader} is {(now - sent).TotalSeconds:0} s from now";
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        }
        catch (FormatException)
        {
            return "the subscription's secret is not base64 after its whsec_ prefix";
        }

        var signedPrefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var signed = new byte[signedPrefix.Length + body.Length];
        signedPrefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(signedPrefix.Length));
        var expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(HMACSHA256.HashData(key, signed)));

        var matched = false;
        foreach (var entry in signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.StartsWith(VersionPrefix, StringComparison.Ordinal))
            {
                // Every entry is compared, so the time taken does not tell which one matched.
                matched |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(entry[VersionPrefix.Length..]), expected);
            }
        }

        return matched ? null : "signature does not match";
    }
}
