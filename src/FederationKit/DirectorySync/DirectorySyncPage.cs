using System.Collections.Immutable;

namespace FederationKit.DirectorySync;

/// <summary>One page of an offset-paged listing ordered by id.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items of the page, in order.</param>
/// <param name="TotalCount">How many items the whole listing has.</param>
/// <param name="Offset">The zero-based offset of the first item.</param>
public sealed record DirectorySyncPage<T>(ImmutableArray<T> Items, int TotalCount, int Offset);
