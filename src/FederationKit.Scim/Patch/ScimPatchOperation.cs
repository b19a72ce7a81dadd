using System.Text.Json.Nodes;

namespace FederationKit.Scim.Patch;

/// <summary>One operation of a PATCH request (RFC 7644 §3.5.2), with <c>op</c> normalised to lower case.</summary>
internal sealed record ScimPatchOperation(string Op, string? Path, JsonNode? Value);
