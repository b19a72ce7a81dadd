namespace FederationKit.Directories;

/// <summary>
/// Moves a directory's members whose email is on moved domains along with those domains, so they keep their access under the
/// target directory's IdP. The sign-in package implements it over its federated user store.
/// </summary>
public interface IDirectoryMemberMover
{
    /// <summary>The emails of source members on <paramref name="domains"/> whose subject the target directory already has (they could not move).</summary>
    /// <param name="source">The directory the domains leave.</param>
    /// <param name="target">The directory they join.</param>
    /// <param name="domains">The moved domains (normalized); subdomains count.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<string>> FindConflictsAsync(DirectoryId source, DirectoryId target, IReadOnlyCollection<string> domains, CancellationToken cancellationToken = default);

    /// <summary>Moves the source members on <paramref name="domains"/> to the target directory.</summary>
    /// <param name="source">The directory the domains left.</param>
    /// <param name="target">The directory they joined.</param>
    /// <param name="domains">The moved domains (normalized); subdomains count.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many moved, and the emails of members that could not (a user with their subject appeared in the target meanwhile).</returns>
    Task<DirectoryMembersMoved> MoveAsync(DirectoryId source, DirectoryId target, IReadOnlyCollection<string> domains, CancellationToken cancellationToken = default);
}
