using System.Text;
using System.Xml;

namespace FederationKit.Saml.Validation;

/// <summary>
/// Turns the SAMLResponse form value (base64, line breaks allowed) or a raw document into an <see cref="XmlDocument"/> with
/// every parser trick refused: size capped, DTDs prohibited (so no entities and no entity expansion), no resolver, no
/// processing instructions, elements nested at most 64 levels (checked while parsing), whitespace preserved for the signature.
/// </summary>
internal static class SamlDocumentReader
{
    public static Result<XmlDocument> Read(string input, int maxLength)
    {
        if (input.Length > maxLength)
        {
            return new FederationError(SamlErrorCodes.ResponseTooLarge, $"The SAML response is larger than {maxLength} characters.");
        }

        // Work on the UTF-8 octets: base64 decodes straight into them (whitespace is skipped by the decoder), and the parser
        // reads them without an intermediate string.
        var trimmed = input.AsSpan().Trim();
        byte[] bytes;
        int length;
        if (trimmed.StartsWith("<", StringComparison.Ordinal))
        {
            bytes = Encoding.UTF8.GetBytes(trimmed.ToArray());
            length = bytes.Length;
        }
        else
        {
            bytes = new byte[trimmed.Length];
            if (!Convert.TryFromBase64Chars(trimmed, bytes, out length))
            {
                return new FederationError(SamlErrorCodes.ResponseBase64Invalid, "The SAMLResponse value is not valid base64.");
            }
        }

        // Only UTF-8 (what SAML bindings use): a byte-order mark is skipped; NUL bytes (UTF-16) or anything before the first
        // '<' is refused, so the octet checks below cannot be dodged by another encoding.
        var start = bytes.AsSpan(0, length).StartsWith("\uFEFF"u8) ? 3 : 0;
        var octets = bytes.AsSpan(start, length - start);
        if (octets.IsEmpty || octets[0] != (byte)'<' || octets.IndexOf((byte)0) >= 0)
        {
            return new FederationError(SamlErrorCodes.ResponseMalformed, "The SAML response is not a UTF-8 XML document.");
        }

        if (octets.IndexOf("<!DOCTYPE"u8) >= 0 || octets.IndexOf("<!ENTITY"u8) >= 0)
        {
            return new FederationError(SamlErrorCodes.ResponseDtdProhibited, "The SAML response has a DTD; DTDs and entities are refused.");
        }

        // Any "<?" after the XML declaration is a processing instruction (or text no IdP sends): refuse without walking the tree.
        var declarationEnd = octets.StartsWith("<?xml "u8) ? octets.IndexOf("?>"u8) + 2 : 0;
        if (declarationEnd == 1 || octets[declarationEnd..].IndexOf("<?"u8) >= 0)
        {
            return new FederationError(SamlErrorCodes.ResponseProcessingInstruction, "The SAML response has a processing instruction.");
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = maxLength * 2L,
            IgnoreProcessingInstructions = false,
            IgnoreComments = false,
        };
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var error = Load(document, XmlReader.Create(new MemoryStream(bytes, start, length - start, writable: false), settings));
        return error is null ? document : error;
    }

    /// <summary>
    /// Loads <paramref name="document"/> from <paramref name="source"/> (disposed here), refusing elements nested deeper than
    /// <see cref="SamlDepthLimitedReader.MaxDepth"/> while parsing. Every untrusted document goes through here: responses,
    /// logout messages and metadata through <see cref="Read"/>, decrypted assertions and NameIDs directly.
    /// </summary>
    public static FederationError? Load(XmlDocument document, XmlReader source)
    {
        using var reader = new SamlDepthLimitedReader(source);
        try
        {
            document.Load(reader);
            return null;
        }
        catch (XmlException) when (reader.TooDeep)
        {
            return new FederationError(SamlErrorCodes.XmlTooDeep, $"The document nests elements more than {SamlDepthLimitedReader.MaxDepth} levels deep.");
        }
        catch (XmlException exception) when (exception.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return new FederationError(SamlErrorCodes.ResponseDtdProhibited, "The SAML response has a DTD; DTDs and entities are refused.");
        }
        catch (XmlException)
        {
            return new FederationError(SamlErrorCodes.ResponseMalformed, "The SAML response is not well-formed XML.");
        }
    }
}
