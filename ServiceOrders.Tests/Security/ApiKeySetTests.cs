using ServiceOrders.Host.Security;

namespace ServiceOrders.Tests.Security;

public class ApiKeySetTests
{
    const string First = "first-key-0123456789abcdef";
    const string Second = "second-key-ZYXWVUTSRQPONMLK";

    static readonly ApiKeySet Keys = new([First, Second]);

    [Fact]
    public void EachConfiguredKey_IsFoundAtItsPosition()
    {
        Assert.Equal(0, Keys.IndexOf(First));
        Assert.Equal(1, Keys.IndexOf(Second));
    }

    [Theory]
    [InlineData("first-key-0123456789abcdeF")]
    [InlineData("FIRST-KEY-0123456789ABCDEF")]
    [InlineData("first-key-0123456789abcde")]
    [InlineData("first-key-0123456789abcdeff")]
    [InlineData("first-key")]
    [InlineData(" first-key-0123456789abcdef")]
    [InlineData("first-key-0123456789abcdef\n")]
    [InlineData("second-key-ZYXWVUTSRQPONMLKfirst-key-0123456789abcdef")]
    public void AnyOtherString_IsNoKey(string presented) =>
        Assert.False(Keys.Contains(presented));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void NothingPresented_IsNoKey(string? presented) =>
        Assert.Equal(-1, Keys.IndexOf(presented));

    [Fact]
    public void EmptyEntries_AreNotKeys()
    {
        var keys = new ApiKeySet(["", First, ""]);

        Assert.Equal(1, keys.Count);
        Assert.False(keys.Contains(""));
        Assert.Equal(0, keys.IndexOf(First));
    }

    [Fact]
    public void NoKeys_AcceptNothing() =>
        Assert.False(new ApiKeySet([]).Contains(First));

    [Fact]
    public void KeysAreComparedAsUtf8_NotAsNormalizedText()
    {
        // "é" precomposed and as e + combining accent look alike and differ in bytes: only the exact bytes match.
        var keys = new ApiKeySet(["clé-0123456789abcdef"]);

        Assert.True(keys.Contains("clé-0123456789abcdef"));
        Assert.False(keys.Contains("cle\u0301-0123456789abcdef"));
    }

    [Fact]
    public void ARepeatedKey_IsFoundAtItsFirstPosition() =>
        Assert.Equal(0, new ApiKeySet([First, First]).IndexOf(First));
}
