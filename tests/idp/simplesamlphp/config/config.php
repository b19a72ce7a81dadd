<?php
// The FederationKit test IdP: SimpleSAMLphp 1.19 (Debian's simplesamlphp) on PHP's built-in server, bound to 127.0.0.1.
// Everything that varies per run comes from the environment the test fixture sets:
//   FEDKIT_IDP_BASEURL  http://127.0.0.1:PORT/
//   FEDKIT_IDP_STATE    a writable directory: IdP key and certificate, sessions, temporary files, the SP's metadata
//   FEDKIT_IDP_SECRET   a random salt (also the admin password, which no test uses)
$state = getenv('FEDKIT_IDP_STATE');
$config = [
    'baseurlpath' => getenv('FEDKIT_IDP_BASEURL'),
    'certdir' => $state . '/',
    'tempdir' => $state . '/tmp',
    'loggingdir' => $state . '/',
    'datadir' => $state . '/',
    'metadatadir' => __DIR__ . '/../metadata/',
    'secretsalt' => getenv('FEDKIT_IDP_SECRET'),
    'auth.adminpassword' => getenv('FEDKIT_IDP_SECRET'),
    'admin.protectindexpage' => true,
    'admin.protectmetadata' => false,
    'technicalcontact_name' => 'FederationKit tests',
    'technicalcontact_email' => 'tests@example.invalid',
    'timezone' => 'UTC',
    'logging.level' => SimpleSAML\Logger::WARNING,
    'logging.handler' => 'errorlog',
    'enable.saml20-idp' => true,
    'enable.shib13-idp' => false,
    'module.enable' => ['core' => true, 'saml' => true, 'exampleauth' => true, 'admin' => true],
    'store.type' => 'phpsession',
    'session.phpsession.savepath' => $state . '/sessions',
    'session.cookie.secure' => false,
    'language.available' => ['en'],
    'language.default' => 'en',
    'metadata.sources' => [['type' => 'flatfile']],
    'metadata.sign.enable' => false,
    'errorreporting' => false,
    'showerrors' => true,
];
