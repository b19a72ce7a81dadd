using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using FederationKit.Saml.Validation;

namespace FederationKit.Saml.Metadata;

/// <summary>
/// Reads an IdP's SAML 2.0 metadata (an EntityDescriptor, or an EntitiesDescriptor holding several) with the same parser
/// hardening as responses: size capped, no DTD, no resolver, no processing instructions, unique IDs. When metadata signing
/// keys are configured, the document or the chosen entity must carry a valid signature by one of them, and only data
/// under the verified element is used.
/// </summary>
public static class SamlIdpMetadataReader
{
    private const string Md = "urn:oasis:names:tc:SAML:2.0:metadata";
    private const string RedirectBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    private const string PostBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

    /// <summary>Reads the metadata document as of <paramref name="now"/>.</summary>
    /// <param name="xml">The document text.</param>
    /// <param name="options">Which entity and which metadata signing keys.</param>
    /// <param name="now">The instant <c>validUntil</c> is compared with.</param>
    public static Result<SamlIdpMetadata> Read(string xml, SamlIdpMetadataReadOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(options);
        var parsed = Parse(xml, options.MaxLength);
        if (parsed.IsFailure)
        {
            return parsed.Error;
        }

        var root = parsed.Value.DocumentElement!;
        if (root.NamespaceURI != Md || root.LocalName is not ("EntityDescriptor" or "EntitiesDescriptor"))
        {
            return Malformed("The document is not SAML 2.0 metadata (EntityDescriptor or EntitiesDescriptor).");
        }

        var entities = root.LocalName == "EntityDescriptor"
            ? [root]
            : root.GetElementsByTagName("EntityDescriptor", Md).OfType<XmlElement>().Where(e => IdpDescriptor(e) is not null).ToList();
        var candidates = options.EntityId is { } wanted ? entities.Where(e => e.GetAttribute("entityID") == wanted).ToList() : entities;
        var entity = candidates.Count == 1 ? candidates[0] : null; // two entities with one entity ID are ambiguous: refuse
        if (entity is null || IdpDescriptor(entity) is not { } idp)
        {
            return new FederationError(SamlMetadataErrorCodes.EntityNotFound, options.EntityId is null
                ? "The metadata does not describe exactly one IdP; name the entity ID to use."
                : "The metadata describes no IdP with that entity ID.").WithDetail("entity_id", options.EntityId ?? string.Empty);
        }

        var verified = VerifySignature(root, entity, options);
        if (verified.IsFailure)
        {
            return verified.Error;
        }

        // Times are read strictly in the chosen entity and the descriptors around it (other entities of an aggregate are not used).
        var badTime = SamlTime.FindInvalid(entity);
        for (var parent = entity.ParentNode as XmlElement; badTime is null && parent is not null; parent = parent.ParentNode as XmlElement)
        {
            badTime = SamlTime.FindInvalidOn(parent);
        }

        if (badTime is not null)
        {
            return badTime;
        }

        var validUntil = Earliest(entity, idp, e => SamlXml.Time(e, "validUntil"));
        if (validUntil is { } until && now >= until)
        {
            return new FederationError(SamlMetadataErrorCodes.Expired, "The metadata's validUntil has passed; fetch a fresh copy from the IdP.")
                .WithDetail("valid_until", until.ToString("O", CultureInfo.InvariantCulture));
        }

        var certificates = SigningCertificates(idp, options.MinimumRsaKeySize);
        if (certificates.Length == 0)
        {
            return new FederationError(SamlMetadataErrorCodes.NoSigningKey, "The IdP lists no usable signing certificate (RSA of the minimum key size or more, or ECDSA).");
        }

        return new SamlIdpMetadata
        {
            EntityId = entity.GetAttribute("entityID"),
            SigningCertificates = certificates,
            SingleSignOnUrlRedirect = Endpoint(idp, "SingleSignOnService", RedirectBinding),
            SingleSignOnUrlPost = Endpoint(idp, "SingleSignOnService", PostBinding),
            SingleLogoutUrlRedirect = Endpoint(idp, "SingleLogoutService", RedirectBinding),
            SingleLogoutUrlPost = Endpoint(idp, "SingleLogoutService", PostBinding),
            NameIdFormats = [.. SamlXml.Children(idp, Md, "NameIDFormat").Select(SamlXml.Text)],
            WantAuthnRequestsSigned = idp.GetAttribute("WantAuthnRequestsSigned") is "true" or "1",
            ValidUntil = validUntil,
            CacheDuration = Earliest(entity, idp, CacheDurationOf),
            SignatureVerified = options.MetadataSigningCertificates.Count > 0,
        };
    }

    private static Result<XmlDocument> Parse(string xml, int maxLength)
    {
        // The response reader's hardening (size, no DTD, no resolver, no processing instruction, UTF-8 only, depth), then unique IDs.
        var document = SamlDocumentReader.Read(xml.TrimStart('\uFEFF', ' ', '\t', '\r', '\n'), maxLength);
        if (document.IsFailure)
        {
            return Malformed("The metadata is too large, not well-formed, too deep, or carries a DTD or processing instruction.").WithDetail("reason", document.Error.Code);
        }

        return SamlXml.HasDuplicateIds(document.Value) ? Malformed("Two elements of the metadata carry the same ID.").WithDetail("reason", SamlErrorCodes.ResponseDuplicateId) : document.Value;
    }

    private static Result VerifySignature(XmlElement root, XmlElement entity, SamlIdpMetadataReadOptions options)
    {
        if (options.MetadataSigningCertificates.Count == 0)
        {
            return Result.Success;
        }

        // The signature may cover the whole document or the entity itself; either way the entity is inside what was verified.
        var keys = SamlSignatureVerifier.KeysOf(options.MetadataSigningCertificates);
        try
        {
            var signed = SamlSignatureVerifier.FindSignature(root) is { } rootSignature ? (root, rootSignature)
                : SamlSignatureVerifier.FindSignature(entity) is { } entitySignature ? (entity, entitySignature)
                : default;
            if (signed.Item1 is null)
            {
                return new FederationError(SamlMetadataErrorCodes.NotSigned, "The metadata is not signed, and metadata signing keys are configured.");
            }

            return SamlSignatureVerifier.Verify(signed.Item1, signed.Item2, keys, options.AllowSha1);
        }
        finally
        {
            foreach (var key in keys)
            {
                key.Dispose();
            }
        }
    }

    private static XmlElement? IdpDescriptor(XmlElement entity) =>
        SamlXml.Children(entity, Md, "IDPSSODescriptor").FirstOrDefault(d => d.GetAttribute("protocolSupportEnumeration").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(SamlNames.Protocol));

    private static ImmutableArray<X509Certificate2> SigningCertificates(XmlElement idp, int minimumRsaKeySize)
    {
        var certificates = ImmutableArray.CreateBuilder<X509Certificate2>();
        foreach (var descriptor in SamlXml.Children(idp, Md, "KeyDescriptor").Where(k => k.GetAttribute("use") is "" or "signing"))
        {
            foreach (var value in descriptor.GetElementsByTagName("X509Certificate", SamlNames.XmlDsig).OfType<XmlElement>())
            {
                try
                {
                    var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(string.Concat(SamlXml.Text(value).Where(c => !char.IsWhiteSpace(c)))));
                    if (SamlSignatureVerifier.KeysOf([certificate], minimumRsaKeySize) is [var key])
                    {
                        key.Dispose();
                        if (!certificates.Any(c => c.RawData.AsSpan().SequenceEqual(certificate.RawData)))
                        {
                            certificates.Add(certificate);
                        }
                    }
                }
                catch (Exception exception) when (exception is FormatException or CryptographicException)
                {
                    // An unreadable certificate is skipped; if none remains, the IdP has no usable signing key.
                }
            }
        }

        return certificates.ToImmutable();
    }

    private static Uri? Endpoint(XmlElement idp, string service, string binding) =>
        SamlXml.Children(idp, Md, service).FirstOrDefault(e => e.GetAttribute("Binding") == binding)?.GetAttribute("Location") is { } location
            && Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : null;

    private static TimeSpan? CacheDurationOf(XmlElement element)
    {
        try
        {
            return element.HasAttribute("cacheDuration") ? XmlConvert.ToTimeSpan(element.GetAttribute("cacheDuration")) : null;
        }
        catch (Exception exception) when (exception is FormatException or OverflowException)
        {
            return null;
        }
    }

    private static T? Earliest<T>(XmlElement entity, XmlElement idp, Func<XmlElement, T?> read)
        where T : struct, IComparable<T>
    {
        T? earliest = null;
        for (XmlNode? node = idp; node is XmlElement element; node = element.ParentNode)
        {
            if (read(element) is { } value && (earliest is null || value.CompareTo(earliest.Value) < 0))
            {
                earliest = value;
            }

            if (element == entity.OwnerDocument.DocumentElement)
            {
                break;
            }
        }

        return earliest;
    }

    private static FederationError Malformed(string message) => new(SamlMetadataErrorCodes.Malformed, message);
}
