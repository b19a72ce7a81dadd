using System.Collections.Immutable;

namespace FederationKit.Directories;

/// <summary>The members a domain move took along.</summary>
/// <param name="Moved">How many members now belong to the target directory.</param>
/// <param name="LeftBehind">Emails of members that stayed in the source (their subject appeared in the target during the move).</param>
public sealed record DirectoryMembersMoved(int Moved, ImmutableArray<string> LeftBehind);
