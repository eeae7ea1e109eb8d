// Interop test: the stock npm socket.io-client@4 against vytalwatch-server, doing what the
// seed's React example does (REST send + realtime events) and asserting every step of the
// wire contract in API.md. One line per passed step; exits 1 on the first failure.
//
// Input (argv wins over env):
//   node messaging-interop.mjs [URL [PROVIDER_USER:PASSWORD PATIENT_USER:PASSWORD OUTSIDER_USER:PASSWORD]]
//   INTEROP_URL, INTEROP_PROVIDER_USER/_PASSWORD, INTEROP_PATIENT_USER/_PASSWORD,
//   INTEROP_OUTSIDER_USER/_PASSWORD (the outsider is a second patient who shares no conversation).
// Prefer env for the passwords: argv is visible to other local users.
// socket.io-client is resolved from the node_modules next to this file (run-interop.sh copies it).

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';

const EVENT_TIMEOUT_MS = 5000;
const HTTP_TIMEOUT_MS = 10000;
const QUIET_MS = 300; // how long "nothing arrives" is watched for
const ROUNDS = 20; // latency samples per path
const WATCHDOG_MS = 240000; // below the ctest TIMEOUT of 300 s

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// --- input -----------------------------------------------------------------------------

function credentials(argvValue, envPrefix, role) {
    if (argvValue) {
        const colon = argvValue.indexOf(':'); // usernames never contain ':', passwords may
        assert.ok(colon > 0, `argument for the ${role} must be USER:PASSWORD`);
        return { username: argvValue.slice(0, colon), password: argvValue.slice(colon + 1) };
    }
    const username = process.env[`${envPrefix}_USER`];
    const password = process.env[`${envPrefix}_PASSWORD`];
    assert.ok(username && password, `set ${envPrefix}_USER and ${envPrefix}_PASSWORD (or pass ${role} USER:PASSWORD)`);
    return { username, password };
}

function readConfig() {
    const [url, provider, patient, outsider] = process.argv.slice(2);
    const baseUrl = (url ?? process.env.INTEROP_URL ?? '').replace(/\/+$/, '');
    assert.ok(/^https?:\/\//.test(baseUrl), 'server base URL missing: pass it as the first argument or set INTEROP_URL');
    return {
        baseUrl,
        provider: credentials(provider, 'INTEROP_PROVIDER', 'provider'),
        patient: credentials(patient, 'INTEROP_PATIENT', 'patient'),
        outsider: credentials(outsider, 'INTEROP_OUTSIDER', 'outsider'),
    };
}

// --- helpers ---------------------------------------------------------------------------

// A promise that is allowed to be rejected before anyone awaits it (the step that created it
// may fail first); awaiting it still throws.
function quietly(promise) {
    promise.catch(() => {});
    return promise;
}

function withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    });
    return quietly(Promise.race([promise, timeout]).finally(() => clearTimeout(timer)));
}

// Resolves with the first `event` on `socket` whose arguments satisfy `predicate`:
// {data, ack, at} where ack is the socket.io ack callback if the server asked for one and
// `at` is performance.now() at receipt. Register it BEFORE triggering the event.
function waitFor(socket, event, predicate = () => true, timeoutMs = EVENT_TIMEOUT_MS) {
    let handler;
    const received = new Promise((resolve) => {
        handler = (...args) => {
            const at = performance.now();
            if (!predicate(...args))
                return;
            socket.off(event, handler);
            const last = args.at(-1);
            resolve({ data: args[0], ack: typeof last === 'function' ? last : undefined, at });
        };
        socket.on(event, handler);
    });
    return quietly(withTimeout(received, timeoutMs, `'${event}' on the ${socket.label} socket`)
        .finally(() => socket.off(event, handler)));
}

// Resolves if no matching `event` arrives within `ms`, rejects if one does.
function expectNone(socket, event, predicate, ms = QUIET_MS) {
    return new Promise((resolve, reject) => {
        const handler = (...args) => {
            if (!predicate(...args))
                return;
            clearTimeout(timer);
            socket.off(event, handler);
            reject(new Error(`unexpected '${event}' on the ${socket.label} socket: ${JSON.stringify(args[0])}`));
        };
        const timer = setTimeout(() => {
            socket.off(event, handler);
            resolve();
        }, ms);
        socket.on(event, handler);
    });
}

async function emitWithAck(socket, event, payload, timeoutMs = EVENT_TIMEOUT_MS) {
    try {
        return await socket.timeout(timeoutMs).emitWithAck(event, payload);
    } catch (error) {
        throw new Error(`no ack for '${event}' from the ${socket.label} socket within ${timeoutMs} ms (${error.message})`);
    }
}

function makeApi(baseUrl) {
    // Returns {status, body}; asserts the status when `expect` is given.
    return async function api(method, path, { token, body, expect } = {}) {
        const headers = { Accept: 'application/json' };
        if (token)
            headers.Authorization = `Bearer ${token}`;
        if (body !== undefined)
            headers['Content-Type'] = 'application/json';
        let response;
        try {
            response = await fetch(baseUrl + path, {
                method,
                headers,
                body: body === undefined ? undefined : JSON.stringify(body),
                signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
            });
        } catch (error) {
            throw new Error(`${method} ${path} failed: ${error.cause?.message ?? error.message}`);
        }
        const text = await response.text();
        let parsed = null;
        if (text) {
            try {
                parsed = JSON.parse(text);
            } catch {
                parsed = text;
            }
        }
        if (expect !== undefined) {
            const allowed = Array.isArray(expect) ? expect : [expect];
            assert.ok(allowed.includes(response.status),
                `${method} ${path}: expected HTTP ${allowed.join(' or ')}, got ${response.status} ${text.slice(0, 300)}`);
        }
        return { status: response.status, body: parsed };
    };
}

async function login(api, { username, password }) {
    const { body } = await api('POST', '/auth/login', { body: { username, password }, expect: 200 });
    assert.equal(typeof body.accessToken, 'string', `login ${username}: accessToken`);
    assert.equal(typeof body.refreshToken, 'string', `login ${username}: refreshToken`);
    assert.equal(typeof body.expiresIn, 'number', `login ${username}: expiresIn`);
    assert.match(body.user?.id ?? '', UUID, `login ${username}: user.id`);
    assert.equal(body.user.username, username, `login ${username}: user.username`);
    return { token: body.accessToken, id: body.user.id, username, role: body.user.role };
}

function makeSocket(baseUrl, label, token, namespace = '/messaging') {
    // forceNew: every socket its own WebSocket, so one user's disconnect never touches another's.
    const socket = io(baseUrl + namespace, {
        transports: ['websocket'],
        auth: { token },
        reconnection: false,
        forceNew: true,
        timeout: EVENT_TIMEOUT_MS,
    });
    socket.label = label;
    socket.received = []; // every event, for the outsider check and for failure reports
    socket.onAny((event, ...args) => socket.received.push({ event, data: args[0] }));
    return socket;
}

async function connect(baseUrl, label, token) {
    const socket = makeSocket(baseUrl, label, token);
    const outcome = new Promise((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', (error) => reject(new Error(`${label} socket: connect_error '${error.message}'`)));
    });
    await withTimeout(outcome, EVENT_TIMEOUT_MS, `the ${label} socket to connect`);
    assert.equal(typeof socket.id, 'string', `${label} socket: namespace CONNECT reply carries a sid`);
    assert.equal(socket.io.engine.transport.name, 'websocket', `${label} socket: transport`);
    return socket;
}

async function expectConnectError(baseUrl, label, token, namespace, expectedMessage) {
    const socket = makeSocket(baseUrl, label, token, namespace);
    try {
        const outcome = new Promise((resolve, reject) => {
            socket.once('connect', () => reject(new Error(`${label}: connected, expected connect_error '${expectedMessage}'`)));
            socket.once('connect_error', resolve);
        });
        const error = await withTimeout(outcome, EVENT_TIMEOUT_MS, `connect_error on the ${label} socket`);
        assert.equal(error.message, expectedMessage, `${label}: connect_error message`);
    } finally {
        socket.close();
    }
}

function assertIsoTime(value, what) {
    assert.match(String(value), ISO_MS, `${what} must be an ISO-8601 UTC time with milliseconds`);
}

function latencyLine(label, samples) {
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return `interop: ${label} over ${sorted.length} messages: min ${sorted[0].toFixed(3)} ms, `
        + `median ${median.toFixed(3)} ms, max ${sorted.at(-1).toFixed(3)} ms`;
}

// --- steps -----------------------------------------------------------------------------

const steps = [];
function step(title, run) {
    steps.push({ title, run });
}

const ctx = { sockets: [] }; // filled in as the steps go

step('REST login of provider, patient and outsider; provider creates the pair conversation', async () => {
    ctx.api = makeApi(ctx.config.baseUrl);
    ctx.provider = await login(ctx.api, ctx.config.provider);
    ctx.patient = await login(ctx.api, ctx.config.patient);
    ctx.outsider = await login(ctx.api, ctx.config.outsider);
    assert.equal(ctx.provider.role, 'provider', 'provider user role');
    assert.equal(ctx.patient.role, 'patient', 'patient user role');
    const { status, body } = await ctx.api('POST', '/messaging/conversations', {
        token: ctx.provider.token,
        body: { patientId: ctx.patient.id, providerId: ctx.provider.id },
        expect: [201, 200], // 200 only if the pair already had one (the script was run before)
    });
    assert.match(body.id ?? '', UUID, 'conversation id');
    assert.equal(body.patientId, ctx.patient.id, 'conversation patientId');
    assert.equal(body.providerId, ctx.provider.id, 'conversation providerId');
    assert.deepEqual([...body.participantIds].sort(), [ctx.patient.id, ctx.provider.id].sort(), 'participantIds');
    ctx.conversationId = body.id;
    return `conversation ${body.id} (HTTP ${status})`;
});

step('bad token -> connect_error Unauthorized; unknown namespace -> Invalid namespace', async () => {
    await expectConnectError(ctx.config.baseUrl, 'bad-token', 'not-a-valid-token', '/messaging', 'Unauthorized');
    await expectConnectError(ctx.config.baseUrl, 'no-token', undefined, '/messaging', 'Unauthorized');
    await expectConnectError(ctx.config.baseUrl, 'unknown-namespace', ctx.provider.token, '/nope', 'Invalid namespace');
});

step('provider, then patient, then outsider connect; provider sees the patient come online', async () => {
    ctx.providerSocket = await connect(ctx.config.baseUrl, 'provider', ctx.provider.token);
    ctx.sockets.push(ctx.providerSocket);
    const online = waitFor(ctx.providerSocket, 'user:status',
        (s) => s?.userId === ctx.patient.id && s.status === 'online');
    ctx.patientSocket = await connect(ctx.config.baseUrl, 'patient', ctx.patient.token);
    ctx.sockets.push(ctx.patientSocket);
    const { data } = await online;
    assert.equal(data.status, 'online');
    if (data.lastSeenAt != null)
        assertIsoTime(data.lastSeenAt, 'user:status lastSeenAt');
    ctx.outsiderSocket = await connect(ctx.config.baseUrl, 'outsider', ctx.outsider.token);
    ctx.sockets.push(ctx.outsiderSocket);
});

step('conversation:join: patient ok:true, outsider ok:false', async () => {
    const mine = await emitWithAck(ctx.patientSocket, 'conversation:join', { conversationId: ctx.conversationId });
    assert.equal(mine?.ok, true, `patient join ack: ${JSON.stringify(mine)}`);
    const theirs = await emitWithAck(ctx.outsiderSocket, 'conversation:join', { conversationId: ctx.conversationId });
    assert.equal(theirs?.ok, false, `outsider join ack must refuse: ${JSON.stringify(theirs)}`);
    assert.equal(typeof theirs.error, 'string', 'refusal carries an error message');
    return `outsider refused with ${theirs.statusCode ?? '(no statusCode)'} '${theirs.error}'`;
});

step(`REST send -> patient message:new (${ROUNDS}x); patient acks -> provider message:delivered`, async () => {
    const { api, provider, patient, providerSocket, patientSocket, conversationId } = ctx;
    const samples = [];
    ctx.providerMessages = [];
    for (let round = 1; round <= ROUNDS; ++round) {
        const content = `REST round ${round} ${randomUUID()}`;
        const arrived = waitFor(patientSocket, 'message:new', (m) => m?.message?.content === content);
        const echoed = round === 1
            ? waitFor(providerSocket, 'message:new', (m) => m?.message?.content === content) : null;
        const start = performance.now();
        const { body: sent } = await api('POST', `/messaging/conversations/${conversationId}/messages`,
            { token: provider.token, body: { content, type: 'text' }, expect: 201 });
        const { data, ack, at } = await arrived;
        samples.push(at - start);
        console.log(`interop: REST send -> message:new in ${(at - start).toFixed(3)} ms`);

        assert.match(sent.id ?? '', UUID, 'REST send: message id');
        assert.equal(sent.content, content, 'REST send: content');
        assert.equal(sent.senderId, provider.id, 'REST send: senderId');
        assert.equal(sent.conversationId, conversationId, 'REST send: conversationId');
        assert.equal(sent.status, 'sent', 'REST send: status');
        assert.equal(data.messageId, sent.id, 'message:new messageId');
        assert.equal(data.conversationId, conversationId, 'message:new conversationId');
        assert.equal(data.message.id, sent.id, 'message:new message.id');
        assert.equal(data.message.senderId, provider.id, 'message:new message.senderId');
        assert.equal(typeof ack, 'function', 'message:new to a recipient must carry an ack id');
        ctx.providerMessages.push(sent);

        if (round === 1) {
            // The sender's own sockets get it too (every participant socket).
            const { data: echo } = await echoed;
            assert.equal(echo.messageId, sent.id, 'sender echo of message:new');
            // What the seed's React client does next: tell the server it was sent, fetch the message.
            const sentAck = await emitWithAck(providerSocket, 'message:sent', { conversationId, messageId: sent.id });
            assert.equal(sentAck?.ok, true, `message:sent ack: ${JSON.stringify(sentAck)}`);
            const { body: page } = await api('GET', `/messaging/conversations/${conversationId}/messages?limit=5`,
                { token: patient.token, expect: 200 });
            const fetched = page.messages.find((m) => m.id === sent.id);
            assert.ok(fetched, 'the message:new messageId is in the patient\'s history');
            assert.equal(fetched.content, content, 'fetched content');
        }

        const delivered = waitFor(providerSocket, 'message:delivered', (d) => d?.messageId === sent.id);
        ack({ ok: true });
        const { data: receipt } = await delivered;
        assert.equal(receipt.conversationId, conversationId, 'message:delivered conversationId');
        assertIsoTime(receipt.deliveredAt, 'message:delivered deliveredAt');
    }
    console.log(latencyLine('REST send -> message:new', samples));
});

step(`socket message:send with ack -> provider message:new (${ROUNDS}x); repeated clientMessageId is idempotent`, async () => {
    const { patient, providerSocket, patientSocket, conversationId } = ctx;
    const samples = [];
    let last;
    for (let round = 1; round <= ROUNDS; ++round) {
        const content = `socket round ${round} ${randomUUID()}`;
        const clientMessageId = randomUUID();
        const arrived = waitFor(providerSocket, 'message:new', (m) => m?.message?.content === content);
        const start = performance.now();
        const reply = await emitWithAck(patientSocket, 'message:send', { conversationId, content, clientMessageId });
        const { data, ack, at } = await arrived;
        samples.push(at - start);
        console.log(`interop: message:send -> message:new in ${(at - start).toFixed(3)} ms`);

        assert.equal(reply?.ok, true, `message:send ack: ${JSON.stringify(reply)}`);
        assert.equal(reply.message?.content, content, 'message:send ack message.content');
        assert.equal(reply.message.senderId, patient.id, 'message:send ack message.senderId');
        assert.equal(reply.message.conversationId, conversationId, 'message:send ack message.conversationId');
        assert.equal(reply.message.clientMessageId, clientMessageId, 'message:send ack message.clientMessageId');
        assert.equal(data.messageId, reply.message.id, 'provider message:new messageId');
        assert.equal(typeof ack, 'function', 'message:new to a recipient must carry an ack id');
        ack({ ok: true });
        last = { message: reply.message, clientMessageId, content };
    }
    console.log(latencyLine('message:send -> message:new', samples));
    ctx.patientMessage = last.message;

    const noSecond = expectNone(providerSocket, 'message:new', (m) => m?.messageId === last.message.id);
    const again = await emitWithAck(patientSocket, 'message:send',
        { conversationId, content: last.content, clientMessageId: last.clientMessageId });
    assert.equal(again?.ok, true, `repeated message:send ack: ${JSON.stringify(again)}`);
    assert.equal(again.message?.id, last.message.id, 'a repeated clientMessageId returns the original message');
    await noSecond;
});

step('typing: patient typing -> provider typing with the patient userId', async () => {
    const { patient, providerSocket, patientSocket, conversationId } = ctx;
    for (const isTyping of [true, false]) {
        const seen = waitFor(providerSocket, 'typing',
            (t) => t?.conversationId === conversationId && t.isTyping === isTyping);
        patientSocket.emit('typing', { conversationId, isTyping });
        const { data } = await seen;
        assert.equal(data.userId, patient.id, 'typing userId');
    }
});

step('read receipts: provider message:read -> patient; patient REST PATCH read -> provider', async () => {
    const { api, provider, patient, providerSocket, patientSocket, conversationId } = ctx;
    const patientMessageId = ctx.patientMessage.id;
    const toPatient = waitFor(patientSocket, 'message:read', (r) => r?.messageId === patientMessageId);
    const ack = await emitWithAck(providerSocket, 'message:read', { conversationId, messageId: patientMessageId });
    assert.equal(ack?.ok, true, `message:read ack: ${JSON.stringify(ack)}`);
    const { data: r1 } = await toPatient;
    assert.equal(r1.conversationId, conversationId, 'message:read conversationId');
    assert.equal(r1.readerId, provider.id, 'message:read readerId (provider)');
    assertIsoTime(r1.readAt, 'message:read readAt');

    const providerMessageId = ctx.providerMessages.at(-1).id;
    const toProvider = waitFor(providerSocket, 'message:read', (r) => r?.messageId === providerMessageId);
    const { body } = await api('PATCH', `/messaging/messages/${providerMessageId}/read`,
        { token: patient.token, expect: 200 });
    assert.equal(body.id, providerMessageId, 'PATCH read returns the message');
    assert.equal(body.status, 'read', 'PATCH read: status');
    const { data: r2 } = await toProvider;
    assert.equal(r2.conversationId, conversationId, 'message:read conversationId');
    assert.equal(r2.readerId, patient.id, 'message:read readerId (patient)');
    assertIsoTime(r2.readAt, 'message:read readAt');
});

step('delete: provider REST DELETE -> patient message:deleted', async () => {
    const { api, provider, patientSocket, conversationId } = ctx;
    const messageId = ctx.providerMessages[0].id;
    const deleted = waitFor(patientSocket, 'message:deleted', (d) => d?.messageId === messageId);
    await api('DELETE', `/messaging/messages/${messageId}`, { token: provider.token, expect: 204 });
    const { data } = await deleted;
    assert.equal(data.conversationId, conversationId, 'message:deleted conversationId');
});

step('bad input: message:send content 42 -> 400; conversation:join not-a-uuid -> ok:false', async () => {
    const { patientSocket, conversationId } = ctx;
    const bad = await emitWithAck(patientSocket, 'message:send', { conversationId, content: 42 });
    assert.equal(bad?.ok, false, `message:send with numeric content: ${JSON.stringify(bad)}`);
    assert.equal(bad.statusCode, 400, `statusCode: ${JSON.stringify(bad)}`);
    assert.equal(typeof bad.error, 'string', 'error message');
    const join = await emitWithAck(patientSocket, 'conversation:join', { conversationId: 'not-a-uuid' });
    assert.equal(join?.ok, false, `join not-a-uuid: ${JSON.stringify(join)}`);
    // The socket survives bad input.
    const still = await emitWithAck(patientSocket, 'conversation:join', { conversationId });
    assert.equal(still?.ok, true, 'patient socket still usable after bad input');
    return `'${bad.error}'; join: ${join.statusCode ?? '(no statusCode)'} '${join.error}'`;
});

step('outsider received nothing about the conversation or its participants', async () => {
    const { conversationId, patient, provider } = ctx;
    const watched = new Set(['message:new', 'message:delivered', 'message:read', 'message:deleted', 'typing',
        'user:status', 'conversation:updated']);
    const leaked = ctx.outsiderSocket.received.filter(({ event, data }) => watched.has(event)
        && (data?.conversationId === conversationId || data?.id === conversationId
            || data?.userId === patient.id || data?.userId === provider.id));
    assert.deepEqual(leaked, [], 'events that leaked to the outsider');
    const aboutOutsider = ctx.providerSocket.received.filter(
        ({ event, data }) => event === 'user:status' && data?.userId === ctx.outsider.id);
    assert.deepEqual(aboutOutsider, [], 'user:status about the outsider reached the provider');
    return `outsider got ${ctx.outsiderSocket.received.length} event(s) in all`;
});

step('patient disconnects -> provider user:status offline with lastSeenAt', async () => {
    const offline = waitFor(ctx.providerSocket, 'user:status',
        (s) => s?.userId === ctx.patient.id && s.status === 'offline');
    ctx.patientSocket.disconnect();
    const { data } = await offline;
    assertIsoTime(data.lastSeenAt, 'user:status lastSeenAt');
});

step('provider logout over REST -> server disconnects the provider socket', async () => {
    const { api, provider, providerSocket } = ctx;
    const dropped = waitFor(providerSocket, 'disconnect');
    await api('POST', '/auth/logout', { token: provider.token, expect: 204 });
    const { data: reason } = await dropped;
    assert.equal(reason, 'io server disconnect', 'disconnect reason');
    await api('GET', '/auth/me', { token: provider.token, expect: 401 });
    await expectConnectError(ctx.config.baseUrl, 'logged-out', provider.token, '/messaging', 'Unauthorized');
});

// --- runner ----------------------------------------------------------------------------

function describeRecent(socket) {
    const recent = socket.received.slice(-8).map(({ event, data }) => `${event} ${JSON.stringify(data)}`);
    return `  last events on the ${socket.label} socket:${recent.length ? '\n    ' + recent.join('\n    ') : ' (none)'}`;
}

async function main() {
    const watchdog = setTimeout(() => {
        console.error(`interop: FAILED: the whole run took longer than ${WATCHDOG_MS} ms`);
        process.exit(1);
    }, WATCHDOG_MS);
    let current = 'reading the input';
    try {
        ctx.config = readConfig();
        for (const [index, { title, run }] of steps.entries()) {
            current = `step ${index + 1} (${title})`;
            const note = await run();
            console.log(`interop: step ${index + 1} passed: ${title}${note ? ` [${note}]` : ''}`);
        }
    } catch (error) {
        console.error(`interop: FAILED at ${current}: ${error.message}`);
        for (const socket of ctx.sockets)
            console.error(describeRecent(socket));
        process.exit(1);
    }
    clearTimeout(watchdog);
    for (const socket of ctx.sockets)
        socket.close();
    console.log(`interop: all ${steps.length} steps passed`);
    process.exit(0);
}

await main();
