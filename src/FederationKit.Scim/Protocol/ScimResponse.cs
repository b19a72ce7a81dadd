using System.Text.Json.Nodes;

namespace FederationKit.Scim;

/// <summary>What the processor answers: an HTTP status, a SCIM JSON body (none for 204), and the headers a host sets.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Body">The body, or <see langword="null"/>.</param>
public sealed record ScimResponse(int StatusCode, JsonObject? Body)
{
    /// <summary>The <c>ETag</c> header (<c>W/"version"</c>), or <see langword="null"/>.</summary>
    public string? ETag { get; init; }

    /// <summary>The <c>Location</c> header of a created resource, or <see langword="null"/>.</summary>
    public string? Location { get; init; }

    /// <summary>The refusal behind an error response, for logs and telemetry; <see langword="null"/> on success.</summary>
    public FederationError? Error { get; init; }

    /// <summary>An RFC 7644 §3.12 error response for <paramref name="error"/>.</summary>
    /// <param name="error">The refusal.</param>
    /// <returns>The response.</returns>
    public static ScimResponse FromError(FederationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = (int)ScimErrors.StatusOf(error);
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimDefaults.ErrorUrn),
            ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var scimType = ScimErrors.ScimTypeOf(error.Code);
        if (scimType is not null)
        {
            body["scimType"] = scimType;
        }

        body["detail"] = $"{error.Message} ({error.Code})";
        return new ScimResponse(status, body) { Error = error };
    }
}
