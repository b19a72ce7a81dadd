# SAML interop: documents signed by xmlsec1 (an independent XML Signature implementation) are validated by our package
# and by `fedkit saml validate` in the tests.
apt_install xmlsec1
apt_install openssl
