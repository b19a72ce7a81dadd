# A real SAML IdP for the sample's browser tests: Debian's SimpleSAMLphp 1.19 run on PHP's built-in server by the fixture
# (tests/FederationKit.Samples.Tests/SimpleSamlPhpServer.cs) with the configuration in tests/idp/simplesamlphp.
# micro-httpd satisfies the package's web-server dependency without installing and starting Apache.
apt_install simplesamlphp php-cli php-xml php-mbstring php-curl micro-httpd
