// A real OpenID provider for FederationKit's tests: oidc-provider on 127.0.0.1 with static clients, test accounts,
// PKCE S256 required, fresh signing keys at every start, and its own login and consent pages.
// Configuration: environment variables (see README.md). Prints "listening <issuer>" when ready.
import http from 'node:http';
import fs from 'node:fs';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT ?? '0');
const host = '127.0.0.1';
const config = JSON.parse(fs.readFileSync(process.env.OIDC_CONFIG ?? 'config.json', 'utf8'));
const accounts = config.accounts ?? {};

function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

const server = http.createServer();
await new Promise((resolve) => server.listen(port, host, resolve));
const issuer = process.env.OIDC_ISSUER ?? `http://${host}:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: config.clients ?? [],
  jwks: { keys: [signingKey()] },
  cookies: { keys: [randomUUID()] },
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'email', 'groups'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    groups: ['groups'],
  },
  conformIdTokenClaims: false,
  // Off unless a test opts in: lets a test check that a profile's query-form userinfo setting reaches the provider.
  acceptQueryParamAccessTokens: config.acceptQueryParamAccessTokens === true,
  // oidc-provider refuses to fetch special-use addresses (SSRF guard). A test whose client jwks_uri or
  // backchannel_logout_uri is its own endpoint on 127.0.0.1 opts out with allowLoopbackFetch.
  fetch: (url, options) => {
    if (config.allowLoopbackFetch === true) delete options.dispatcher;
    return globalThis.fetch(url, options);
  },
  features: {
    devInteractions: { enabled: false },
    userinfo: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    backchannelLogout: { enabled: true },
  },
  async findAccount(ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        const { password, ...claims } = account;
        return { sub: id, ...claims };
      },
    };
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
});

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res, title, body) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
    `<body style="font-family:sans-serif;max-width:28rem;margin:3rem auto"><h1>${escape(title)}</h1>${body}</body></html>`);
}

async function readForm(req) {
  let data = '';
  for await (const chunk of req) {
    data += chunk;
    if (data.length > 16384) throw new Error('form too large');
  }
  return Object.fromEntries(new URLSearchParams(data));
}

async function interaction(req, res) {
  const url = new URL(req.url, issuer);
  const [, , uid, action] = url.pathname.split('/');
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  const { prompt, params } = details;

  if (req.method === 'GET' && prompt.name === 'login') {
    return page(res, 'Test IdP sign-in',
      `<p>Client <code>${escape(params.client_id)}</code> asks you to sign in.</p>` +
      `<form method="post" action="/interaction/${escape(uid)}/login">` +
      `<p><label>Username <input id="login" name="login" value="${escape(params.login_hint ?? '')}" autofocus></label></p>` +
      `<p><label>Password <input id="password" name="password" type="password"></label></p>` +
      `<p><button id="sign-in" type="submit">Sign in</button></p></form>`);
  }

  if (req.method === 'GET' && prompt.name === 'consent') {
    return page(res, 'Test IdP consent',
      `<p>Allow <code>${escape(params.client_id)}</code> to read: ${escape(params.scope)}</p>` +
      `<form method="post" action="/interaction/${escape(uid)}/confirm"><button id="allow" type="submit">Allow</button></form>`);
  }

  if (req.method === 'POST' && action === 'login') {
    const form = await readForm(req);
    const account = Object.entries(accounts).find(([id, a]) => id === form.login || a.email === form.login);
    if (!account || account[1].password !== form.password) {
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'wrong username or password' }, { mergeWithLastSubmission: false });
    }
    return provider.interactionFinished(req, res, { login: { accountId: account[0] } }, { mergeWithLastSubmission: false });
  }

  if (req.method === 'POST' && action === 'confirm') {
    const { prompt: { details: missing }, session: { accountId } } = details;
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId, clientId: params.client_id });
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
  }

  res.writeHead(400).end('unexpected interaction step');
}

const callback = provider.callback();
server.on('request', (req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`interaction failed: ${error.message}`);
    });
    return;
  }
  callback(req, res);
});

console.log(`listening ${issuer}`);
