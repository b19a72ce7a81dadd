# SAML interop: documents signed by xmlsec1 (an independent XML Signature implementation) are validated by our package and
# by `fedkit saml validate`; openssl verifies our Redirect-binding signatures; pysaml2 (Debian's python3-pysaml2, run with
# /usr/bin/python3) reads our SP metadata.
apt_install xmlsec1 openssl python3-pysaml2
