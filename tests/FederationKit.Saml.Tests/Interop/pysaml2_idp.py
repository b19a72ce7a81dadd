# pysaml2 (an independent SAML implementation) acting as the IdP: it receives our AuthnRequest over the Redirect
# binding, checks its signature and content, and answers with a Response for the user, signed and/or encrypted as asked.
# Input: one JSON file (argv[1]). Output: one JSON object {"saml_response": base64, "request_id": ...} or {"error": ...}.
import base64
import functools
import json
import sys
from urllib.parse import parse_qs, urlparse

import saml2.entity
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.saml import NAMEID_FORMAT_EMAILADDRESS, NameID
from saml2.server import Server
from saml2.sigver import verify_redirect_signature

job = json.load(open(sys.argv[1]))
config = IdPConfig()
config.load({
    "entityid": job["idp_entity_id"],
    "service": {"idp": {
        "endpoints": {"single_sign_on_service": [(job["sso_url"], BINDING_HTTP_REDIRECT)]},
        "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
        "policy": {"default": {"lifetime": {"minutes": 15}, "name_form": "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"}},
        # The Redirect-binding signature is checked above with verify_redirect_signature; pysaml2 7.0 would look for an
        # enveloped XML signature instead if this were true.
        "want_authn_requests_signed": False,
    }},
    "key_file": job["idp_key"],
    "cert_file": job["idp_cert"],
    "metadata": {"local": [job["sp_metadata"]]},
    "xmlsec_binary": "/usr/bin/xmlsec1",
    "delete_tmpfiles": True,
})
idp = Server(config=config)
# pysaml2 takes certificates as the base64 body of the PEM
sp_cert = "".join(line for line in open(job["sp_cert"]).read().splitlines() if not line.startswith("-----"))

# pysaml2 7.0 signs with RSA-SHA1 and encrypts with 3DES unless told otherwise; a current IdP uses SHA-256 and AES.
# "legacy_algorithms" keeps pysaml2's defaults, to check that we refuse them.
modern = not job.get("legacy_algorithms", False)
if modern:
    saml2.entity.pre_encryption_part = functools.partial(
        saml2.entity.pre_encryption_part, msg_enc="http://www.w3.org/2001/04/xmlenc#aes256-cbc")
    encrypt_with_3des = idp.sec.encrypt_assertion
    idp.sec.encrypt_assertion = lambda statement, enc_key, template, key_type="des-192", node_xpath=None: \
        encrypt_with_3des(statement, enc_key, template, "aes-256", node_xpath)

query = {k: v[0] for k, v in parse_qs(urlparse(job["redirect_url"]).query).items()}
if "Signature" not in query or not verify_redirect_signature(query, idp.sec.sec_backend, cert=sp_cert):
    print(json.dumps({"error": "the AuthnRequest signature does not verify"}))
    sys.exit(3)

request = idp.parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
message = request.message
sp_entity_id = message.issuer.text
destination = message.assertion_consumer_service_url
user = job["user"]
response = idp.create_authn_response(
    identity={"mail": [user["email"]], "givenName": [user["given_name"]], "eduPersonEntitlement": user["groups"]},
    in_response_to=message.id,
    destination=destination,
    sp_entity_id=sp_entity_id,
    name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=user["email"]),
    authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"},
    sign_assertion=job["sign_assertion"],
    sign_response=job["sign_response"],
    encrypt_assertion=job["encrypt_assertion"],
    encrypt_cert_assertion=sp_cert if job["encrypt_assertion"] else None,
    sign_alg="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" if modern else None,
    digest_alg="http://www.w3.org/2001/04/xmlenc#sha256" if modern else None,
)
print(json.dumps({
    "saml_response": base64.b64encode(str(response).encode("utf-8")).decode("ascii"),
    "request_id": message.id,
    "acs": destination,
    "relay_state": query.get("RelayState"),
    "binding": BINDING_HTTP_POST,
}))
