namespace FederationKit.Samples.AspNetCore.Hosting;

/// <summary>A configuration problem that stops the sample at start; Program prints its message and exits with code 1.</summary>
internal sealed class SampleStartupException(string message) : Exception(message);
