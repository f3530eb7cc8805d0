namespace ServiceOrders.Cli;

/// <summary>The host could not be reached or answered in a way the CLI cannot use; the message is one line for the user.</summary>
internal sealed class ApiException(string message, Exception? innerException = null) : Exception(message, innerException);
