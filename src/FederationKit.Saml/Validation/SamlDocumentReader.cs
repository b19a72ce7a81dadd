using System.Text;
using System.Xml;

namespace FederationKit.Saml.Validation;

/// <summary>
/// Turns the SAMLResponse form value (base64, line breaks allowed) or a raw document into an <see cref="XmlDocument"/> with
/// every parser trick refused: size capped, DTDs prohibited (so no entities and no entity expansion), no resolver, no
/// processing instructions, whitespace preserved for the signature.
/// </summary>
internal static class SamlDocumentReader
{
    public static Result<XmlDocument> Read(string input, int maxLength)
    {
        if (input.Length > maxLength)
        {
            return new FederationError(SamlErrorCodes.ResponseTooLarge, $"The SAML response is larger than {maxLength} characters.");
        }

        var trimmed = input.Trim();
        string xml;
        if (trimmed.StartsWith('<'))
        {
            xml = trimmed;
        }
        else
        {
            var bytes = new byte[trimmed.Length];
            if (!Convert.TryFromBase64String(string.Concat(trimmed.Where(c => !char.IsWhiteSpace(c))), bytes, out var written))
            {
                return new FederationError(SamlErrorCodes.ResponseBase64Invalid, "The SAMLResponse value is not valid base64.");
            }

            xml = Encoding.UTF8.GetString(bytes, 0, written);
        }

        if (xml.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) || xml.Contains("<!ENTITY", StringComparison.OrdinalIgnoreCase))
        {
            return new FederationError(SamlErrorCodes.ResponseDtdProhibited, "The SAML response has a DTD; DTDs and entities are refused.");
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
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document.Load(reader);
        }
        catch (XmlException exception) when (exception.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return new FederationError(SamlErrorCodes.ResponseDtdProhibited, "The SAML response has a DTD; DTDs and entities are refused.");
        }
        catch (XmlException)
        {
            return new FederationError(SamlErrorCodes.ResponseMalformed, "The SAML response is not well-formed XML.");
        }

        // Any "<?" after the XML declaration is a processing instruction (or text no IdP sends): refuse without walking the tree.
        var declarationEnd = xml.StartsWith("<?xml ", StringComparison.Ordinal) ? xml.IndexOf("?>", StringComparison.Ordinal) + 2 : 0;
        if (xml.IndexOf("<?", declarationEnd, StringComparison.Ordinal) >= 0)
        {
            return new FederationError(SamlErrorCodes.ResponseProcessingInstruction, "The SAML response has a processing instruction.");
        }

        return document;
    }
}
