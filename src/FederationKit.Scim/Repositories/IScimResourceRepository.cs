using System.Text.Json.Nodes;

namespace FederationKit.Scim;

/// <summary>
/// The store of one directory's SCIM resources, as the request processor sees it. An implementation maps SCIM JSON onto
/// the domain (users keyed by <c>externalId</c>, groups with member rows), checks what the domain forbids, and raises
/// events with <see cref="ScimRequestContext.TokenId"/> as actor. Refusals are results: <c>store.not_found</c> (404),
/// <c>store.duplicate</c> or <see cref="ScimErrorCodes.Uniqueness"/> (409), <c>store.concurrency_conflict</c> when the
/// expected version is not current (412 for an <c>If-Match</c>; a PATCH without one is retried), any
/// <see cref="ScimErrorCodes"/> code, or a domain code (400).
/// </summary>
public interface IScimResourceRepository
{
    /// <summary>Reads one resource of the directory.</summary>
    /// <param name="context">The request's directory and token.</param>
    /// <param name="type">The resource type.</param>
    /// <param name="id">The resource ID from the URL.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The resource, or <c>store.not_found</c> (also for an ID of another directory).</returns>
    Task<Result<ScimResource>> GetAsync(ScimRequestContext context, ScimResourceType type, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Reads one resource of the directory for a <c>GET</c> that returns only <paramref name="projection"/>: a repository may
    /// leave out what is not returned (a group's members) and limit a large multi-valued attribute. The default reads the
    /// whole resource. <see cref="GetAsync(ScimRequestContext, ScimResourceType, string, CancellationToken)"/> stays the
    /// complete read that PUT and PATCH change.
    /// </summary>
    /// <param name="context">The request's directory and token.</param>
    /// <param name="type">The resource type.</param>
    /// <param name="id">The resource ID from the URL.</param>
    /// <param name="projection">The attributes the response carries.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The resource, or <c>store.not_found</c>.</returns>
    Task<Result<ScimResource>> GetAsync(ScimRequestContext context, ScimResourceType type, string id, ScimProjection projection, CancellationToken cancellationToken) =>
        GetAsync(context, type, id, cancellationToken);

    /// <summary>
    /// Adds and removes members of a group by id without reading or rewriting its other members: what a PATCH that only
    /// adds or removes listed members (Entra ID's and Okta's form) becomes, only if the group's version is still
    /// <paramref name="expectedVersion"/> when one is given. Return <see langword="null"/> (the default) when the repository
    /// does not support it: the processor then reads the whole group, applies the operations and replaces it.
    /// </summary>
    /// <param name="context">The request's directory and token.</param>
    /// <param name="id">The group's ID.</param>
    /// <param name="add">The member IDs to add (idempotent).</param>
    /// <param name="remove">The member IDs to remove (idempotent), disjoint from <paramref name="add"/>.</param>
    /// <param name="expectedVersion">The version from <c>If-Match</c>, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The changed group, a refusal, or <see langword="null"/> when not supported.</returns>
    Task<Result<ScimResource>?> ChangeMembersAsync(
        ScimRequestContext context, string id, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove, string? expectedVersion, CancellationToken cancellationToken) =>
        Task.FromResult<Result<ScimResource>?>(null);

    /// <summary>Lists the directory's resources that match <see cref="ScimQuery.Filter"/>, ordered by <c>id</c>, one page. An implementation may turn indexed <c>eq</c> comparisons into lookups and evaluate the rest with <see cref="Filters.ScimFilterEvaluator"/>.</summary>
    /// <param name="context">The request's directory and token.</param>
    /// <param name="type">The resource type.</param>
    /// <param name="query">The filter and page.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page with the total count.</returns>
    Task<Result<ScimPage>> QueryAsync(ScimRequestContext context, ScimResourceType type, ScimQuery query, CancellationToken cancellationToken);

    /// <summary>Creates a resource from its SCIM JSON (already checked against the schema; <c>id</c> and <c>meta</c> removed).</summary>
    /// <param name="context">The request's directory and token.</param>
    /// <param name="type">The resource type.</param>
    /// <param name="resource">The attributes.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored resource, or a refusal.</returns>
    Task<Result<ScimResource>> CreateAsync(ScimRequestContext context, ScimResourceType type, JsonObject resource, CancellationToken cancellationToken);

    /// <summary>Replaces every attribute of a resource (PUT, and the result of a PATCH), only if its version is still <paramref name="expectedVersion"/> when one is given.</summary>
    /// <param name="context">The request's directory and token.</param>
    /// <param name="type">The resource type.</param>
    /// <param name="id">The resource ID.</param>
    /// <param name="resource">The new attributes (<c>id</c> and <c>meta</c> removed).</param>
    /// <param name="expectedVersion">The version the change was made against, or <see langword="null"/> to write unconditionally.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored resource, or a refusal (<c>store.concurrency_conflict</c> when the version moved on).</returns>
    Task<Result<ScimResource>> ReplaceAsync(ScimRequestContext context, ScimResourceType type, string id, JsonObject resource, string? expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes (deprovisions) a resource, only if its version is still <paramref name="expectedVersion"/> when one is given.</summary>
    /// <param name="context">The request's directory and token.</param>
    /// <param name="type">The resource type.</param>
    /// <param name="id">The resource ID.</param>
    /// <param name="expectedVersion">The version from <c>If-Match</c>, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Success, or a refusal.</returns>
    Task<Result> DeleteAsync(ScimRequestContext context, ScimResourceType type, string id, string? expectedVersion, CancellationToken cancellationToken);
}
