<?php
// The SP is whatever SAML 2.0 SP metadata the fixture saved as FEDKIT_IDP_STATE/sp-metadata.xml, read on every request,
// the way an admin uploads an SP's metadata to their IdP. Requests and logout messages from it must be signed.
$file = getenv('FEDKIT_IDP_STATE') . '/sp-metadata.xml';
if (is_file($file)) {
    foreach (\SimpleSAML\Metadata\SAMLParser::parseDescriptorsFile($file) as $entityId => $descriptor) {
        $sp = $descriptor->getMetadata20SP();
        if ($sp === null) {
            continue;
        }
        $sp['validate.authnrequest'] = true;
        $sp['validate.logout'] = true;
        $sp['sign.logout'] = true;
        $sp['NameIDFormat'] = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
        $sp['simplesaml.nameidattribute'] = 'mail';
        $sp['assertion.encryption'] = getenv('FEDKIT_IDP_ENCRYPT_ASSERTIONS') === '1';
        $metadata[$entityId] = $sp;
    }
}
