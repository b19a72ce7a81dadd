# libxml2's xmllint (Debian's libxml2-utils): the second, independent oracle for our exclusive XML canonicalization
# (tests/FederationKit.Saml.Tests/Canonicalization compares our output with `xmllint --exc-c14n` byte for byte).
apt_install libxml2-utils
