using System.Collections.Immutable;
using FederationKit.Directories;

namespace FederationKit.DirectoryTrust;

/// <summary>What a trustee sees of a directory it is trusted by: shown as active (trusted), with its domains.</summary>
/// <param name="RequestId">The trust.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="Name">The directory's name.</param>
/// <param name="Domains">The domains linked to it.</param>
public sealed record TrustedDirectoryView(TrustRequestId RequestId, DirectoryId DirectoryId, string Name, ImmutableArray<string> Domains);
