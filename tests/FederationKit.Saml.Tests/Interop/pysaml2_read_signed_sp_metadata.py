# Loads (signed) SP metadata with pysaml2 and prints what it understood, one JSON object.
# Usage: pysaml2_read_signed_sp_metadata.py METADATA_FILE ENTITY_ID [SIGNER_CERT_PEM]
# With a certificate, pysaml2 checks the EntityDescriptor's signature with it the way an IdP configured with a metadata
# signing certificate does, and exits 3 when the signature does not verify.
import json
import sys

from saml2.attribute_converter import ac_factory
from saml2.mdstore import MetaDataFile
from saml2.sigver import CryptoBackendXmlSec1, SecurityContext

metadata_file, entity_id = sys.argv[1], sys.argv[2]
cert = sys.argv[3] if len(sys.argv) > 3 else None
options = {}
if cert:
    options = {
        "cert": cert,
        "node_name": "urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor",
        "security": SecurityContext(CryptoBackendXmlSec1("/usr/bin/xmlsec1")),
    }

metadata = MetaDataFile(ac_factory(), metadata_file, **options)
try:
    verified = metadata.load()
except Exception as error:  # pysaml2 raises on a bad signature
    print(json.dumps({"error": type(error).__name__, "message": str(error)}))
    sys.exit(3)
if cert and not verified:
    print(json.dumps({"error": "SignatureNotVerified"}))
    sys.exit(3)

entity = metadata[entity_id]
sp = entity["spsso_descriptor"][0]
print(json.dumps({
    "signed": metadata.signed(),
    "signature_checked": bool(cert),
    "acs": [s["location"] for s in sp["assertion_consumer_service"]],
    "slo": [s["location"] for s in sp.get("single_logout_service", [])],
    "key_uses": sorted(k.get("use", "") for k in sp.get("key_descriptor", [])),
    "authn_requests_signed": sp.get("authn_requests_signed"),
    "want_assertions_signed": sp.get("want_assertions_signed"),
}))
