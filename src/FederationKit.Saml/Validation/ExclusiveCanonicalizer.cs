using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Xml;

namespace FederationKit.Saml.Validation;

/// <summary>
/// Exclusive XML Canonicalization 1.0 without comments (http://www.w3.org/2001/10/xml-exc-c14n#), written for the one chain
/// SAML signatures use: the enveloped-signature transform followed by exc-c14n over a signed element, and exc-c14n over
/// <c>SignedInfo</c>. The output goes as UTF-8 octets straight into a hash, buffer writer or stream; the tree is walked
/// iteratively (no recursion over untrusted input).
/// </summary>
/// <remarks>
/// The node-set is a whole subtree (the element, or the document, with every descendant) minus, optionally, one element and
/// its subtree (the <c>ds:Signature</c> the enveloped-signature transform removes). Over such a node-set the rules are:
/// a namespace declaration is rendered on an element when the element visibly utilizes its prefix (the element's own prefix,
/// or the prefix of one of its attributes; the default namespace when the element is unprefixed) or the prefix is in the
/// InclusiveNamespaces PrefixList, and the nearest output ancestor did not already render the same prefix with the same URI
/// (the default namespace counts as rendered empty above the apex, so <c>xmlns=""</c> appears only below a non-empty default).
/// <c>xml:*</c> attributes are rendered only on the element that carries them; the xml namespace itself is never rendered.
/// </remarks>
internal static class ExclusiveCanonicalizer
{
    /// <summary>The algorithm URI, as in the <c>Transform</c> and <c>CanonicalizationMethod</c> elements.</summary>
    public const string Algorithm = "http://www.w3.org/2001/10/xml-exc-c14n#";

    /// <summary>The PrefixList token that names the default namespace.</summary>
    public const string DefaultPrefixToken = "#default";

    private static readonly SearchValues<char> XmlWhitespace = SearchValues.Create(" \t\r\n");

    /// <summary>
    /// Splits the <c>PrefixList</c> attribute of an <c>ec:InclusiveNamespaces</c> element (a whitespace-separated list of
    /// prefixes, <c>#default</c> for the default namespace) into its tokens.
    /// </summary>
    public static string[] ParsePrefixList(string? prefixList)
    {
        if (string.IsNullOrEmpty(prefixList))
        {
            return [];
        }

        var tokens = new List<string>();
        var rest = prefixList.AsSpan();
        while (!rest.IsEmpty)
        {
            var start = rest.IndexOfAnyExcept(XmlWhitespace);
            if (start < 0)
            {
                break;
            }

            rest = rest[start..];
            var end = rest.IndexOfAny(XmlWhitespace);
            var token = end < 0 ? rest : rest[..end];
            tokens.Add(token.ToString());
            rest = end < 0 ? [] : rest[end..];
        }

        return [.. tokens];
    }

    /// <summary>
    /// Hashes the canonical form of <paramref name="node"/> (an <see cref="XmlElement"/> or an <see cref="XmlDocument"/>)
    /// with <paramref name="algorithm"/>, leaving out <paramref name="excluded"/> and its subtree.
    /// </summary>
    /// <returns>False when the node-set has a relative namespace URI (Canonical XML 1.0 section 2.1 requires failure).</returns>
    public static bool TryComputeHash(XmlNode node, HashAlgorithmName algorithm, [NotNullWhen(true)] out byte[]? digest, XmlElement? excluded = null, IReadOnlyCollection<string>? inclusivePrefixes = null)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        if (!Canonicalize(node, hash, excluded, inclusivePrefixes))
        {
            digest = null;
            return false;
        }

        digest = hash.GetHashAndReset();
        return true;
    }

    /// <summary>Appends the canonical form of <paramref name="node"/> to <paramref name="hash"/>; false as in <see cref="Canonicalize(XmlNode, CanonicalOutput, XmlElement?, IReadOnlyCollection{string}?)"/>.</summary>
    public static bool Canonicalize(XmlNode node, IncrementalHash hash, XmlElement? excluded = null, IReadOnlyCollection<string>? inclusivePrefixes = null)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return Canonicalize(node, CanonicalOutput.To(hash), excluded, inclusivePrefixes);
    }

    /// <summary>Writes the canonical form of <paramref name="node"/> to <paramref name="writer"/>; false as in <see cref="Canonicalize(XmlNode, CanonicalOutput, XmlElement?, IReadOnlyCollection{string}?)"/>.</summary>
    public static bool Canonicalize(XmlNode node, IBufferWriter<byte> writer, XmlElement? excluded = null, IReadOnlyCollection<string>? inclusivePrefixes = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return Canonicalize(node, CanonicalOutput.To(writer), excluded, inclusivePrefixes);
    }

    /// <summary>Writes the canonical form of <paramref name="node"/> to <paramref name="stream"/>; false as in <see cref="Canonicalize(XmlNode, CanonicalOutput, XmlElement?, IReadOnlyCollection{string}?)"/>.</summary>
    public static bool Canonicalize(XmlNode node, Stream stream, XmlElement? excluded = null, IReadOnlyCollection<string>? inclusivePrefixes = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Canonicalize(node, CanonicalOutput.To(stream), excluded, inclusivePrefixes);
    }

    /// <summary>
    /// Writes the canonical form of <paramref name="node"/> to <paramref name="output"/>: for an element, the element and its
    /// subtree (namespaces in scope from its ancestors count, their <c>xml:*</c> attributes do not); for a document, its
    /// document element plus the processing instructions around it, each separated from the element by a line feed.
    /// </summary>
    /// <param name="node">An <see cref="XmlElement"/> or an <see cref="XmlDocument"/>.</param>
    /// <param name="output">Receives the UTF-8 octets.</param>
    /// <param name="excluded">An element left out together with its subtree (the enveloped <c>ds:Signature</c>), or null.</param>
    /// <param name="inclusivePrefixes">The InclusiveNamespaces PrefixList tokens (<c>#default</c> for the default namespace), or null.</param>
    /// <returns>
    /// False when an output element declares or renders a relative namespace URI, which Canonical XML 1.0 (section 2.1)
    /// requires an implementation to refuse; the output is then incomplete and must be discarded.
    /// </returns>
    public static bool Canonicalize(XmlNode node, CanonicalOutput output, XmlElement? excluded = null, IReadOnlyCollection<string>? inclusivePrefixes = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new CanonicalUtf8Writer(output);
        var walker = new ExclusiveCanonicalWalker(writer, excluded, inclusivePrefixes);
        var complete = node switch
        {
            XmlDocument document => walker.WriteDocument(document),
            XmlElement element => walker.WriteSubtree(element),
            _ => throw new ArgumentException("Only an element or a document can be canonicalized.", nameof(node)),
        };
        if (complete)
        {
            writer.Flush();
        }

        return complete;
    }
}
