<?php
// One login page (exampleauth:UserPass) with the test users; attributes use the names Okta and Shibboleth send.
$config = [
    'admin' => ['core:AdminPassword'],
    'users' => [
        'exampleauth:UserPass',
        'dana:dana-password' => [
            'mail' => ['dana@globex-corp.com'],
            'givenName' => ['Dana'],
            'sn' => ['Scully'],
            'groups' => ['engineers', 'everyone'],
        ],
    ],
];
