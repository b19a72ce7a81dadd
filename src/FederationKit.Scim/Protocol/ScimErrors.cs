using System.Net;

namespace FederationKit.Scim;

/// <summary>Builds the typed refusals of the SCIM package and maps each code to its HTTP status and RFC 7644 §3.12 <c>scimType</c>.</summary>
public static class ScimErrors
{
    /// <summary>The <see cref="FederationError.Details"/> key that carries the RFC 7644 <c>scimType</c>, when the code has one.</summary>
    public const string ScimTypeDetail = "scimType";

    /// <summary>Creates a refusal with <paramref name="code"/> (one of <see cref="ScimErrorCodes"/>) and a message a developer can act on.</summary>
    /// <param name="code">The stable code.</param>
    /// <param name="message">What was refused and why.</param>
    /// <returns>The error, with its <c>scimType</c> detail when the code has one.</returns>
    public static FederationError Create(string code, string message)
    {
        var error = new FederationError(code, message);
        var scimType = ScimTypeOf(code);
        return scimType is null ? error : error.WithDetail(ScimTypeDetail, scimType);
    }

    /// <summary>The HTTP status a refusal is answered with; codes of other packages map by their store meaning, else 400.</summary>
    /// <param name="error">The refusal.</param>
    /// <returns>The status code.</returns>
    public static HttpStatusCode StatusOf(FederationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            ScimErrorCodes.NotFound or StoreErrorCodes.NotFound => HttpStatusCode.NotFound,
            ScimErrorCodes.Uniqueness or StoreErrorCodes.Duplicate => HttpStatusCode.Conflict,
            ScimErrorCodes.Conflict or StoreErrorCodes.ConcurrencyConflict => HttpStatusCode.Conflict,
            ScimErrorCodes.PreconditionFailed => HttpStatusCode.PreconditionFailed,
            ScimErrorCodes.Unauthorized => HttpStatusCode.Unauthorized,
            ScimErrorCodes.PayloadTooLarge => HttpStatusCode.RequestEntityTooLarge,
            ScimErrorCodes.RateLimited => HttpStatusCode.TooManyRequests,
            ScimErrorCodes.NotImplemented => HttpStatusCode.NotImplemented,
            _ => HttpStatusCode.BadRequest,
        };
    }

    /// <summary>The RFC 7644 <c>scimType</c> of a code, or <see langword="null"/> when the status says it all.</summary>
    /// <param name="code">The stable code.</param>
    /// <returns>The keyword, or <see langword="null"/>.</returns>
    public static string? ScimTypeOf(string code) => code switch
    {
        ScimErrorCodes.InvalidFilter => "invalidFilter",
        ScimErrorCodes.InvalidPath => "invalidPath",
        ScimErrorCodes.NoTarget => "noTarget",
        ScimErrorCodes.InvalidValue or ScimErrorCodes.InvalidQuery => "invalidValue",
        ScimErrorCodes.Mutability => "mutability",
        ScimErrorCodes.InvalidSyntax => "invalidSyntax",
        ScimErrorCodes.Uniqueness or StoreErrorCodes.Duplicate => "uniqueness",
        ScimErrorCodes.TooMany => "tooMany",
        _ => null,
    };

    internal static FederationError Filter(string message) => Create(ScimErrorCodes.InvalidFilter, message);

    internal static FederationError Path(string message) => Create(ScimErrorCodes.InvalidPath, message);

    internal static FederationError Value(string message) => Create(ScimErrorCodes.InvalidValue, message);

    internal static FederationError Syntax(string message) => Create(ScimErrorCodes.InvalidSyntax, message);

    internal static FederationError Mutable(string message) => Create(ScimErrorCodes.Mutability, message);

    internal static FederationError NoTarget(string message) => Create(ScimErrorCodes.NoTarget, message);
}
