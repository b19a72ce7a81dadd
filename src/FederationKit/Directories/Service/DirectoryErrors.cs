namespace FederationKit.Directories.Service;

/// <summary>The refusals several directory operations share.</summary>
internal static class DirectoryErrors
{
    public static FederationError NotFound(DirectoryId id) =>
        new FederationError(DirectoryErrorCodes.NotFound, "No such directory.").WithDetail("directoryId", id.ToString());

    public static FederationError BeingDeleted(DirectoryId id) =>
        new FederationError(DirectoryErrorCodes.BeingDeleted, "The directory is being deleted.").WithDetail("directoryId", id.ToString());

    public static FederationError DomainInvalid(string message) => new(DirectoryErrorCodes.DomainInvalid, message);
}
