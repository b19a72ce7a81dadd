using FederationKit.DirectorySync;

namespace FederationKit.Scim.DirectorySync;

/// <summary>Maps the directory sync domain's refusals onto what the SCIM processor answers: missing → 404, a moved version → a conflict the processor retries or answers 412, a taken key → 409 uniqueness, bad input → 400 invalidValue (the domain code kept in the message).</summary>
internal static class DirectorySyncScimErrors
{
    public static FederationError Map(FederationError error) => error.Code switch
    {
        DirectorySyncErrorCodes.UserNotFound or DirectorySyncErrorCodes.GroupNotFound => StoreErrors.NotFound("resource", error.Message),
        DirectorySyncErrorCodes.VersionMismatch or StoreErrorCodes.ConcurrencyConflict => new FederationError(StoreErrorCodes.ConcurrencyConflict, error.Message),
        DirectorySyncErrorCodes.Conflict or StoreErrorCodes.Duplicate => ScimErrors.Create(ScimErrorCodes.Uniqueness, error.Message),
        DirectorySyncErrorCodes.Contended => ScimErrors.Create(ScimErrorCodes.Conflict, error.Message),
        DirectorySyncErrorCodes.InvalidValue or DirectorySyncErrorCodes.EmailDomainNotCovered or DirectorySyncErrorCodes.MemberNotFound
            => ScimErrors.Create(ScimErrorCodes.InvalidValue, $"{error.Message} ({error.Code})"),
        _ => error,
    };
}
