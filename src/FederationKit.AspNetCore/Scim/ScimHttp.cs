using System.Globalization;
using System.Text.Json;
using FederationKit.Directories;
using FederationKit.Scim;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FederationKit.AspNetCore.Scim;

/// <summary>
/// The HTTP edge of one SCIM request, in the order a reviewer checks it: the bearer token for the directory (401 with
/// <c>WWW-Authenticate: Bearer</c>, the same answer for an unknown directory), the token's rate limit (429 with
/// <c>Retry-After</c>), the body's media type and size (413), then the host-neutral <see cref="ScimRequestProcessor"/>.
/// </summary>
internal static class ScimHttp
{
    public const string TokenIdItem = "FederationKit.Scim.TokenId";

    public delegate Task<ScimResponse> Operation(ScimRequestProcessor processor, ScimRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

    public static async Task HandleAsync(HttpContext http, string prefix, bool readsBody, Operation operation)
    {
        using var activity = ScimInstruments.Start(http.Request.Method);
        await HandleCoreAsync(http, prefix, readsBody, operation, activity).ConfigureAwait(false);
    }

    private static async Task HandleCoreAsync(HttpContext http, string prefix, bool readsBody, Operation operation, System.Diagnostics.Activity? activity)
    {
        var services = http.RequestServices;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("FederationKit.AspNetCore.Scim") ?? NullLogger.Instance;
        var options = services.GetRequiredService<IOptions<ScimEndpointOptions>>().Value;
        var path = http.Request.Path.Value ?? string.Empty;

        var directoryText = http.Request.RouteValues["directoryId"] as string;
        var authenticated = await AuthenticateAsync(http, directoryText).ConfigureAwait(false);
        if (authenticated is not { } auth)
        {
            ScimLog.Unauthorized(logger, path);
            http.Response.Headers.WWWAuthenticate = "Bearer";
            ScimInstruments.Record(activity, http.Request.Method, StatusCodes.Status401Unauthorized, ScimErrorCodes.Unauthorized, null, null);
            await WriteAsync(http, ScimResponse.FromError(ScimErrors.Create(ScimErrorCodes.Unauthorized, "A valid bearer token of this directory is required."))).ConfigureAwait(false);
            return;
        }

        http.Items[TokenIdItem] = auth.TokenId;
        if (await services.GetRequiredService<ScimRateLimiter>().TryAcquireAsync(auth.TokenId, http.RequestAborted).ConfigureAwait(false) is { } retryAfter)
        {
            ScimLog.RateLimited(logger, auth.TokenId, auth.DirectoryId.Value);
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            ScimInstruments.Record(activity, http.Request.Method, StatusCodes.Status429TooManyRequests, ScimErrorCodes.RateLimited, auth.DirectoryId.ToString(), auth.TokenId);
            await WriteAsync(http, ScimResponse.FromError(ScimErrors.Create(ScimErrorCodes.RateLimited, "This token sent too many requests; wait for Retry-After seconds."))).ConfigureAwait(false);
            return;
        }

        var body = ReadOnlyMemory<byte>.Empty;
        if (readsBody)
        {
            var read = await ReadBodyAsync(http, options.MaxRequestBodyBytes).ConfigureAwait(false);
            if (read.IsFailure)
            {
                ScimInstruments.Record(activity, http.Request.Method, (int)ScimErrors.StatusOf(read.Error), read.Error.Code, auth.DirectoryId.ToString(), auth.TokenId);
                await WriteAsync(http, ScimResponse.FromError(read.Error)).ConfigureAwait(false);
                return;
            }

            body = read.Value;
        }

        var request = http.Request;
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{prefix.TrimEnd('/')}/{auth.DirectoryId}";
        var context = new ScimRequestContext(auth.DirectoryId, auth.TokenId, http.TraceIdentifier) { BaseUrl = baseUrl };
        var processor = services.GetRequiredService<ScimRequestProcessor>();
        var response = await operation(processor, context, body, http.RequestAborted).ConfigureAwait(false);
        if (response.Error is { } error)
        {
            ScimLog.Refused(logger, request.Method, path, auth.TokenId, response.StatusCode, error.Code);
        }
        else
        {
            ScimLog.Handled(logger, request.Method, path, auth.TokenId, auth.DirectoryId.Value, response.StatusCode);
        }

        ScimInstruments.Record(activity, request.Method, response.StatusCode, response.Error?.Code, auth.DirectoryId.ToString(), auth.TokenId);
        await WriteAsync(http, response).ConfigureAwait(false);
    }

    private static async Task<(DirectoryId DirectoryId, string TokenId)?> AuthenticateAsync(HttpContext http, string? directoryText)
    {
        if (!Guid.TryParse(directoryText, out var directoryGuid))
        {
            return null;
        }

        string? header = http.Request.Headers.Authorization;
        const string Scheme = "Bearer ";
        if (header is null || header.Length <= Scheme.Length || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[Scheme.Length..].Trim();
        if (token.Length == 0 || token.Length > 1024)
        {
            return null;
        }

        var authenticator = http.RequestServices.GetRequiredService<IScimAuthenticator>();
        var directoryId = new DirectoryId(directoryGuid);
        var result = await authenticator.AuthenticateAsync(directoryId, token, http.RequestAborted).ConfigureAwait(false);
        return result.IsSuccess ? (directoryId, result.Value) : null;
    }

    private static async Task<Result<ReadOnlyMemory<byte>>> ReadBodyAsync(HttpContext http, int maxBytes)
    {
        var request = http.Request;
        if (request.ContentType is { } contentType
            && (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
                || !(mediaType.MediaType.Equals(ScimDefaults.MediaType, StringComparison.OrdinalIgnoreCase) || mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))))
        {
            return ScimErrors.Create(ScimErrorCodes.InvalidSyntax, $"The body must be {ScimDefaults.MediaType} or application/json.");
        }

        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            if (buffer.Length + read > maxBytes)
            {
                return TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return new ReadOnlyMemory<byte>(buffer.ToArray());
    }

    private static FederationError TooLarge(int maxBytes) =>
        ScimErrors.Create(ScimErrorCodes.PayloadTooLarge, $"The body is larger than {maxBytes} bytes.");

    private static async Task WriteAsync(HttpContext http, ScimResponse response)
    {
        http.Response.StatusCode = response.StatusCode;
        if (response.ETag is not null)
        {
            http.Response.Headers.ETag = response.ETag;
        }

        if (response.Location is not null)
        {
            http.Response.Headers.Location = response.Location;
        }

        if (response.Body is null)
        {
            return;
        }

        http.Response.ContentType = ScimDefaults.MediaType + "; charset=utf-8";
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        response.Body.WriteTo(writer);
        await writer.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }
}
