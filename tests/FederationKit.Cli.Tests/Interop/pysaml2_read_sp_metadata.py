# Loads SP metadata with pysaml2 (an independent SAML implementation) and prints what it understood, one JSON object.
import json
import sys

from saml2.attribute_converter import ac_factory
from saml2.mdstore import MetaDataFile

metadata = MetaDataFile(ac_factory(), sys.argv[1])
metadata.load()
entity = metadata[sys.argv[2]]
sp = entity["spsso_descriptor"][0]
print(json.dumps({
    "acs": [s["location"] for s in sp["assertion_consumer_service"]],
    "slo": [s["location"] for s in sp.get("single_logout_service", [])],
    "key_uses": sorted(k.get("use", "") for k in sp.get("key_descriptor", [])),
    "authn_requests_signed": sp.get("authn_requests_signed"),
    "want_assertions_signed": sp.get("want_assertions_signed"),
}))
