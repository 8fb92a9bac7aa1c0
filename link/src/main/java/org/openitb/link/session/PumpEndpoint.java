// SPDX-License-Identifier: Apache-2.0
package org.openitb.link.session;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.openitb.link.Role;
import org.openitb.link.codec.MalformedMessageException;
import org.openitb.link.codec.MessageCodec;
import org.openitb.link.codec.UnknownDrugException;
import org.openitb.link.message.Direction;
import org.openitb.link.message.ErrorCode;
import org.openitb.link.message.ErrorReply;
import org.openitb.link.message.Message;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.Octets;
import org.openitb.link.message.Reply;
import org.openitb.link.message.Request;
import org.openitb.link.message.SessionAccept;
import org.openitb.link.message.SessionChallenge;
import org.openitb.link.message.SessionHello;
import org.openitb.link.message.SessionRefusal;
import org.openitb.link.message.SessionRefused;
import org.openitb.link.message.SessionResponse;
import org.openitb.link.message.WireLimits;
import org.openitb.link.security.PumpCredential;
import org.openitb.link.security.TrustList;
import org.openitb.link.transport.FrameResponder;
import org.openitb.therapy.drug.DrugLibrary;

/**
 * The pump's end of the link: turns received frames into authenticated, replay-checked,
 * role-checked {@link Request}s for the firmware's {@link PumpRequestHandler}, and its replies
 * into sealed frames. Guarantees:
 *
 * <ul>
 *   <li>a session opens only with proximity, from a device on the {@link TrustList} for the role
 *       it asks, that proves possession of its private key; the pump proves its own identity too;
 *   <li>the handler is called only for frames that authenticate under the open session's keys, carry
 *       a sequence number above every one accepted before, and whose type the session's role may send;
 *   <li>a byte-identical retransmission of the last request gets the same reply again without
 *       reaching the handler, so a lost reply never makes a bolus happen twice;
 *   <li>only a hello signed by a trusted device's key, with a counter above every one verified
 *       before, touches handshake state; failed set-ups lock out exponentially per credential
 *       ({@link org.openitb.link.security.AuthRateLimiter}), so one device's failures never lock out another;
 *   <li>every frame, accepted or refused, is reported once to the {@link LinkListener}.
 * </ul>
 *
 * Not thread-safe: like the implant's single radio, call it from one thread at a time. Time comes
 * only from the injected clock (the pump's clock in ms since the epoch).
 */
public final class PumpEndpoint implements FrameResponder {
  public static final long SESSION_LIFETIME_MILLIS = 30 * 60_000;
  public static final long SESSION_IDLE_MILLIS = 5 * 60_000;
  public static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
  /**
   * Byte-identical copies of a session's last request the pump answers from its cache: a device
   * sends a request at most {@code Exchange.MAX_SEND_ATTEMPTS} (3) times, so at most 2 are
   * repeats. Further copies can only be replays; they are dropped unanswered (verdict REPLAY).
   */
  public static final int MAX_RETRANSMISSIONS_ANSWERED = Exchange.MAX_SEND_ATTEMPTS - 1;
  /**
   * Refusals to hellos nobody authenticated (no common version, an untrusted id) are sent at most
   * once per this period, for all senders together.
   */
  public static final long UNAUTHENTICATED_NOTICE_MILLIS = 2_000;

  private final PumpCredential identity;
  private final MessageCodec codec;
  private final PumpRequestHandler handler;
  private final LinkListener listener;
  private final BooleanSupplier proximity;
  private final LongSupplier clock;
  private final SecureRandom random;
  private TrustList trust;
  /**
   * Set-up state per credential that has sent a verified hello: its highest counter, its own
   * lockout and its one outstanding challenge. Bounded by the trust list.
   */
  private final java.util.Map<Admission.Key, Admission> admissions = new java.util.HashMap<>();
  private long unauthenticatedNoticeUntil;

  /** Outstanding challenges by session id, at most one per credential. */
  private final java.util.LinkedHashMap<Long, PendingHandshake> pending = new java.util.LinkedHashMap<>();
  /**
   * Open sessions: at most one per {@link SessionSlot}, so a patient or read-only device never
   * displaces a clinician's session (and its pending proposal), and the other way round.
   */
  private final java.util.EnumMap<SessionSlot, PumpSession> sessions = new java.util.EnumMap<>(SessionSlot.class);
  /** The last ended session id per slot, so its late frames are told apart (STALE_SESSION). */
  private final java.util.EnumMap<SessionSlot, Long> endedSessionIds = new java.util.EnumMap<>(SessionSlot.class);

  private PumpEndpoint(Builder b) {
    this.identity = Objects.requireNonNull(b.identity, "identity");
    this.trust = Objects.requireNonNull(b.trust, "trust");
    this.codec = new MessageCodec(Objects.requireNonNull(b.drugLibrary, "drugLibrary"));
    this.handler = Objects.requireNonNull(b.handler, "handler");
    this.listener = b.listener;
    this.proximity = Objects.requireNonNull(b.proximity, "proximity");
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.random = b.random != null ? b.random : new SecureRandom();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Handles one received frame; returns the frame to transmit back, if any. Never throws on any input. */
  @Override
  public Optional<byte[]> onFrame(byte[] frame) {
    long now = clock.getAsLong();
    FrameHeader header;
    try {
      header = FrameHeader.parse(frame);
    } catch (MalformedMessageException e) {
      report(now, "", false, null, FrameVerdict.MALFORMED, e.getMessage());
      return Optional.empty();
    }
    if (header.type().direction() != Direction.TO_PUMP) {
      report(now, "", false, header.type(), FrameVerdict.WRONG_DIRECTION, "only the pump sends " + header.type());
      return Optional.empty();
    }
    return switch (header.type()) {
      case SESSION_HELLO -> onHello(header, frame, now);
      case SESSION_RESPONSE -> onResponse(header, frame, now);
      default -> onSealed(header, frame, now);
    };
  }

  /** Replaces the trust list (pairing, revocation); an open session of a device no longer trusted ends at once. */
  public void updateTrust(TrustList newTrust) {
    this.trust = Objects.requireNonNull(newTrust);
    for (PumpSession s : List.copyOf(sessions.values())) {
      if (trust.find(s.deviceId, s.role).isEmpty()) {
        endSession(s);
      }
    }
    clearPending();
  }

  private void clearPending() {
    for (PendingHandshake p : List.copyOf(pending.values())) {
      removePending(p);
    }
  }

  /** Ends every session (e.g. at a firmware reset); their frames are refused as stale from now on. */
  public void closeSession() {
    clearPending();
    for (PumpSession s : List.copyOf(sessions.values())) {
      endSession(s);
    }
  }

  /** The role of the most recently opened live session, if any. */
  public Optional<Role> sessionRole() {
    return newestLiveSession().map(s -> s.role);
  }

  /** The authenticated device id of the most recently opened live session, if any. */
  public Optional<String> sessionDeviceId() {
    return newestLiveSession().map(s -> s.deviceId);
  }

  /** The device ids of every live session, clinician's first. */
  public List<String> sessionDeviceIds() {
    List<String> ids = new ArrayList<>();
    for (SessionSlot slot : SessionSlot.values()) {
      liveSession(slot).ifPresent(s -> ids.add(s.deviceId));
    }
    return ids;
  }

  /**
   * True when {@code signature} over {@code data} verifies with the key the trust list holds for
   * {@code deviceId} as a CLINICIAN: a second clinician's co-signature (link/PROTOCOL.md 8.10).
   */
  public boolean verifyClinicianSignature(String deviceId, byte[] data, byte[] signature) {
    return trust.verify(deviceId, Role.CLINICIAN, data, signature);
  }

  /** Milliseconds of failed set-up lockout left for the credential {@code deviceId} in {@code role}; 0 when it may open sessions. */
  public long lockoutRemainingMillis(String deviceId, Role role) {
    Admission a = admissions.get(new Admission.Key(role, deviceId));
    return a == null ? 0 : a.limiter.lockoutRemainingMillis();
  }

  /** The longest failed set-up lockout any credential has left; 0 when none is locked out. */
  public long lockoutRemainingMillis() {
    long longest = 0;
    for (Admission a : admissions.values()) {
      longest = Math.max(longest, a.limiter.lockoutRemainingMillis());
    }
    return longest;
  }

  private Optional<byte[]> onHello(FrameHeader header, byte[] frame, long now) {
    if (!proximity.getAsBoolean()) {
      report(now, "", false, header.type(), FrameVerdict.NO_PROXIMITY, "no programmer head or patient device in proximity");
      return Optional.empty();
    }
    SessionHello hello;
    try {
      if (header.sessionId() != 0 || header.sequence() != 0) {
        throw new MalformedMessageException("header", "a hello carries session id 0 and sequence 0");
      }
      hello = (SessionHello) codec.decode(header.type(), FrameHeader.payload(frame));
    } catch (MalformedMessageException e) {
      report(now, "", false, header.type(), FrameVerdict.MALFORMED, e.getMessage());
      return Optional.empty();
    }
    // Nothing below the signature check touches handshake state or any lockout: a hello that is
    // not the claimed device's own (unsigned version 1, unknown id, bad signature, recorded) costs
    // the pump at most one signature verification, and a transmission at most once per notice period.
    int version = Math.min(hello.maxVersion(), WireLimits.PROTOCOL_VERSION);
    if (version < Math.max(hello.minVersion(), WireLimits.MIN_SUPPORTED_VERSION)) {
      report(now, hello.deviceId(), false, header.type(), FrameVerdict.UNSUPPORTED_VERSION,
          "device speaks " + hello.minVersion() + ".." + hello.maxVersion() + "; the pump " + WireLimits.MIN_SUPPORTED_VERSION + ".."
              + WireLimits.PROTOCOL_VERSION);
      return unauthenticatedNotice(now, SessionRefusal.UNSUPPORTED_VERSION);
    }
    if (trust.find(hello.deviceId(), hello.role()).isEmpty()) {
      report(now, hello.deviceId(), false, header.type(), FrameVerdict.UNKNOWN_DEVICE, "not trusted for role " + hello.role());
      return unauthenticatedNotice(now, SessionRefusal.AUTH_FAILED);
    }
    if (!trust.verify(hello.deviceId(), hello.role(), Transcript.helloSigned(identity.serial(), frame), hello.signature().bytes())) {
      report(now, hello.deviceId(), false, header.type(), FrameVerdict.BAD_SIGNATURE, "hello signature does not verify with the trusted key");
      return Optional.empty();
    }
    Admission a = admissions.computeIfAbsent(new Admission.Key(hello.role(), hello.deviceId()), k -> new Admission(clock));
    if (hello.counter() <= a.highestCounter) {
      PendingHandshake p = a.pending;
      if (p != null && now - p.startedAt() < HANDSHAKE_TIMEOUT_MILLIS && MessageDigest.isEqual(frame, p.helloFrame())
          && a.helloRepeatsAnswered < MAX_RETRANSMISSIONS_ANSWERED) {
        a.helloRepeatsAnswered++; // the device's own retransmission: its challenge was lost
        report(now, hello.deviceId(), true, header.type(), FrameVerdict.RETRANSMISSION, "challenge sent again, not made again");
        return Optional.of(p.challengeFrame().clone());
      }
      report(now, hello.deviceId(), false, header.type(), FrameVerdict.REPLAY,
          "hello counter " + hello.counter() + " <= " + a.highestCounter + ", the highest verified for this device");
      return Optional.empty();
    }
    a.highestCounter = hello.counter();
    long locked = a.limiter.lockoutRemainingMillis();
    if (locked > 0) {
      report(now, hello.deviceId(), true, header.type(), FrameVerdict.LOCKED_OUT, locked + " ms of this device's lockout left");
      // One notice per lockout, so the device learns the wait but its own flood costs no transmissions.
      if (now >= a.lockoutNoticeUntil) {
        a.lockoutNoticeUntil = now + locked;
        return Optional.of(refusal(SessionRefusal.LOCKED_OUT, locked));
      }
      return Optional.empty();
    }
    // Charged now, refunded by a successful response: the credential's abandoned handshakes count
    // as its failures (a stolen key's hello flood locks out that key only).
    a.limiter.recordFailure();
    KeyPair ephemeral = X25519.generate(random);
    long sessionId = newSessionId();
    SessionChallenge unsigned = new SessionChallenge(
        version, identity.serial(), new Octets(X25519.raw(ephemeral.getPublic())), new Octets(new byte[WireLimits.ED25519_SIGNATURE_BYTES]));
    byte[] challenge = FrameHeader.clearFrame(header.type().reply().orElseThrow(), sessionId, MessageCodec.encode(unsigned));
    byte[] signature = identity.sign(Transcript.pumpSigned(frame, challenge)).bytes();
    System.arraycopy(signature, 0, challenge, challenge.length - signature.length, signature.length);
    dropExpiredHandshakes(now);
    if (a.pending != null) {
      pending.remove(a.pending.sessionId()); // the same device's newer hello: only it could have made one
    }
    PendingHandshake p = new PendingHandshake(hello, frame.clone(), challenge, ephemeral, sessionId, now, a);
    a.pending = p;
    a.helloRepeatsAnswered = 0;
    pending.put(sessionId, p);
    report(now, hello.deviceId(), true, header.type(), FrameVerdict.ACCEPTED, "challenge sent for role " + hello.role());
    return Optional.of(challenge.clone());
  }

  /**
   * A refusal to a hello nobody has authenticated (no common version, a device not trusted for
   * its role): answered at most once per {@link #UNAUTHENTICATED_NOTICE_MILLIS} in all, so a
   * genuine but unpaired or outdated device learns why while a flood costs next to no transmissions.
   */
  private Optional<byte[]> unauthenticatedNotice(long now, SessionRefusal reason) {
    if (now < unauthenticatedNoticeUntil) {
      return Optional.empty();
    }
    unauthenticatedNoticeUntil = now + UNAUTHENTICATED_NOTICE_MILLIS;
    return Optional.of(refusal(reason, 0));
  }

  private Optional<byte[]> onResponse(FrameHeader header, byte[] frame, long now) {
    Optional<byte[]> retransmission = retransmission(frame, header, now);
    if (retransmission.isPresent()) {
      return retransmission;
    }
    PendingHandshake p = pending.get(header.sessionId());
    if (p == null) {
      report(now, "", false, header.type(), FrameVerdict.NO_HANDSHAKE, "no challenge outstanding for session " + header.sessionId());
      return Optional.empty();
    }
    String claimed = p.hello().deviceId();
    if (now - p.startedAt() >= HANDSHAKE_TIMEOUT_MILLIS) {
      removePending(p);
      report(now, claimed, false, header.type(), FrameVerdict.HANDSHAKE_EXPIRED, "response after " + (now - p.startedAt()) + " ms");
      return Optional.empty();
    }
    // A response that fails leaves the challenge outstanding (until its timeout): the session id is
    // in the clear, so anyone could otherwise abort a legitimate handshake with a forged response.
    // The first failure is answered (a genuine device learns it is not trusted), later ones are not.
    SessionResponse response;
    try {
      response = (SessionResponse) codec.decode(header.type(), FrameHeader.payload(frame));
    } catch (MalformedMessageException e) {
      report(now, claimed, false, header.type(), FrameVerdict.MALFORMED, e.getMessage());
      return p.refusedOnce() ? Optional.empty() : Optional.of(refusal(SessionRefusal.AUTH_FAILED, 0));
    }
    byte[] transcript = Transcript.hash(p.helloFrame(), p.challengeFrame());
    boolean proven = trust.verify(claimed, p.hello().role(), Transcript.deviceSigned(transcript), response.signature().bytes());
    Optional<byte[]> shared = proven ? X25519.agree(p.ephemeral().getPrivate(), p.hello().ephemeralKey().bytes()) : Optional.empty();
    if (shared.isEmpty()) {
      report(now, claimed, false, header.type(), FrameVerdict.BAD_SIGNATURE,
          proven ? "unusable ephemeral key" : "signature does not verify with the trusted key");
      if (proven) {
        removePending(p); // the device itself sent an unusable key: this handshake cannot succeed
      }
      return p.refusedOnce() ? Optional.empty() : Optional.of(refusal(SessionRefusal.AUTH_FAILED, 0));
    }
    removePending(p); // one session per challenge
    p.admission().limiter.recordSuccess();
    SessionSlot slot = SessionSlot.of(p.hello().role());
    PumpSession old = sessions.get(slot);
    if (old != null) {
      report(now, old.deviceId, true, null, FrameVerdict.SESSION_SUPERSEDED, "replaced by a session of " + claimed);
      endSession(old);
    }
    PumpSession s = new PumpSession(p.sessionId(), claimed, p.hello().role(), SessionKeys.derive(shared.get(), transcript), now, transcript);
    sessions.put(slot, s);
    SessionAccept accept = new SessionAccept(
        s.role, (int) (SESSION_LIFETIME_MILLIS / 1000), (int) (SESSION_IDLE_MILLIS / 1000), Math.max(0, Math.min(now, WireLimits.MAX_TIME_MILLIS)));
    report(now, claimed, true, header.type(), FrameVerdict.ACCEPTED, "session " + s.id + " opened, role " + s.role);
    return Optional.of(sealReply(s, frame, accept));
  }

  private Optional<byte[]> onSealed(FrameHeader header, byte[] frame, long now) {
    PumpSession s = sessionWithId(header.sessionId());
    if (s == null) {
      boolean stale = header.sessionId() != 0 && endedSessionIds.containsValue(header.sessionId());
      report(now, "", false, header.type(), stale ? FrameVerdict.STALE_SESSION : FrameVerdict.NO_SESSION, "session " + header.sessionId());
      return Optional.empty();
    }
    if (s.expired(now)) {
      endSession(s);
      report(now, s.deviceId, false, header.type(), FrameVerdict.STALE_SESSION, "session " + s.id + " expired");
      return Optional.empty();
    }
    Optional<byte[]> retransmission = retransmission(frame, header, now);
    if (retransmission.isPresent()) {
      return retransmission;
    }
    if (header.sequence() <= s.receive.sequence()) {
      report(now, s.deviceId, false, header.type(), FrameVerdict.REPLAY, "sequence " + header.sequence() + " <= " + s.receive.sequence());
      return Optional.empty();
    }
    Optional<byte[]> body = s.receive.open(header, frame);
    if (body.isEmpty()) {
      // Dropped unanswered; the session goes on. Anyone can read the session id in a clear header,
      // so ending the session (or counting a failed authentication) here would hand an outsider
      // without keys a way to end a legitimate session or to lock session set-up out.
      report(now, s.deviceId, false, header.type(), FrameVerdict.TAMPERED, "authentication tag does not verify");
      return Optional.empty();
    }
    s.receive.accept(header.sequence());
    s.touch(now);
    s.lastExchange = null;
    MessageType type = header.type();
    if (!type.allows(s.role)) {
      report(now, s.deviceId, true, type, FrameVerdict.WRONG_ROLE, "role " + s.role + " may not send " + type);
      return Optional.of(sealReply(s, frame, ErrorReply.of(ErrorCode.NOT_PERMITTED, "type", "role " + s.role + " may not send " + type)));
    }
    Message message;
    try {
      message = codec.decode(type, body.get());
    } catch (MalformedMessageException e) {
      report(now, s.deviceId, true, type, FrameVerdict.MALFORMED, e.getMessage());
      ErrorCode code = e instanceof UnknownDrugException ? ErrorCode.UNKNOWN_DRUG : ErrorCode.MALFORMED;
      return Optional.of(sealReply(s, frame, ErrorReply.of(code, e.field(), e.getMessage())));
    }
    if (!(message instanceof Request request)) {
      endSession(s);
      report(now, s.deviceId, true, type, FrameVerdict.SESSION_CLOSED, "closed by the device");
      return Optional.empty();
    }
    return Optional.of(sealReply(s, frame, handle(request, s, now, new RequestContext(s.transcriptHash, header.sequence()))));
  }

  private Reply handle(Request request, PumpSession s, long now, RequestContext context) {
    MessageType type = request.type();
    Reply reply;
    try {
      reply = handler.handle(request, s.role, s.deviceId, context);
    } catch (RuntimeException e) {
      report(now, s.deviceId, true, type, FrameVerdict.HANDLER_FAILED, String.valueOf(e));
      return ErrorReply.of(ErrorCode.INTERNAL, "", "the pump could not handle " + type + "; nothing was changed");
    }
    if (reply == null || (reply.type() != MessageType.ERROR_REPLY && reply.type() != type.reply().orElse(null))) {
      report(now, s.deviceId, true, type, FrameVerdict.HANDLER_FAILED, "handler answered " + (reply == null ? "nothing" : reply.type()));
      return ErrorReply.of(ErrorCode.INTERNAL, "", "the pump could not handle " + type + "; nothing was changed");
    }
    if (reply instanceof ErrorReply error) {
      report(now, s.deviceId, true, type, FrameVerdict.HANDLER_REFUSED, error.code() + " " + error.field() + " " + error.detail());
    } else {
      report(now, s.deviceId, true, type, FrameVerdict.ACCEPTED, "");
    }
    return reply;
  }

  /**
   * The cached reply when {@code frame} repeats the last answered request of a live session, at
   * most {@link #MAX_RETRANSMISSIONS_ANSWERED} times; later copies are refused as replays.
   */
  private Optional<byte[]> retransmission(byte[] frame, FrameHeader header, long now) {
    PumpSession s = sessionWithId(header.sessionId());
    if (s == null || s.lastExchange == null || s.expired(now) || !MessageDigest.isEqual(frame, s.lastExchange.request())) {
      return Optional.empty();
    }
    if (s.retransmissionsAnswered >= MAX_RETRANSMISSIONS_ANSWERED) {
      report(now, s.deviceId, false, header.type(), FrameVerdict.REPLAY,
          "copy " + (s.retransmissionsAnswered + 2) + " of the last request: a device sends at most " + Exchange.MAX_SEND_ATTEMPTS);
      return Optional.empty();
    }
    s.retransmissionsAnswered++;
    report(now, s.deviceId, true, header.type(), FrameVerdict.RETRANSMISSION, "answered again from cache, not executed again");
    return Optional.of(s.lastExchange.reply().clone());
  }

  private byte[] sealReply(PumpSession s, byte[] requestFrame, Message reply) {
    byte[] frame = s.send.seal(reply.type(), MessageCodec.encode(reply));
    s.lastExchange = new PumpSession.LastExchange(requestFrame.clone(), frame);
    s.retransmissionsAnswered = 0;
    if (s.send.exhausted() || s.receive.exhausted()) {
      endSession(s); // never reuse a nonce: the device must open a new session
    }
    return frame.clone();
  }

  private byte[] refusal(SessionRefusal reason, long retryAfterMillis) {
    SessionRefused refused = new SessionRefused(reason, Math.min(retryAfterMillis, WireLimits.MAX_RETRY_AFTER_MILLIS));
    return FrameHeader.clearFrame(MessageType.SESSION_REFUSED, 0, MessageCodec.encode(refused));
  }

  private void endSession(PumpSession s) {
    SessionSlot slot = SessionSlot.of(s.role);
    if (sessions.get(slot) == s) {
      sessions.remove(slot);
    }
    endedSessionIds.put(slot, s.id);
    s.lastExchange = null;
  }

  private PumpSession sessionWithId(long id) {
    for (PumpSession s : sessions.values()) {
      if (s.id == id) {
        return s;
      }
    }
    return null;
  }

  private Optional<PumpSession> liveSession(SessionSlot slot) {
    PumpSession s = sessions.get(slot);
    if (s != null && s.expired(clock.getAsLong())) {
      endSession(s);
      return Optional.empty();
    }
    return Optional.ofNullable(s);
  }

  private Optional<PumpSession> newestLiveSession() {
    PumpSession newest = null;
    for (SessionSlot slot : SessionSlot.values()) {
      PumpSession s = liveSession(slot).orElse(null);
      if (s != null && (newest == null || s.openedAt >= newest.openedAt)) {
        newest = s;
      }
    }
    return Optional.ofNullable(newest);
  }

  private void dropExpiredHandshakes(long now) {
    for (PendingHandshake p : List.copyOf(pending.values())) {
      if (now - p.startedAt() >= HANDSHAKE_TIMEOUT_MILLIS) {
        removePending(p);
      }
    }
  }

  private void removePending(PendingHandshake p) {
    pending.remove(p.sessionId());
    if (p.admission().pending == p) {
      p.admission().pending = null;
    }
  }

  private long newSessionId() {
    long id;
    do {
      id = random.nextInt() & 0xFFFF_FFFFL;
    } while (id == 0 || endedSessionIds.containsValue(id) || sessionWithId(id) != null || pending.containsKey(id));
    return id;
  }

  private void report(long now, String deviceId, boolean authenticated, MessageType type, FrameVerdict verdict, String detail) {
    listener.onFrame(new FrameReport(now, deviceId, authenticated, Optional.ofNullable(type), verdict, detail));
  }

  /** Assembles a {@link PumpEndpoint}; every part but the listener and the random source is required. */
  public static final class Builder {
    private PumpCredential identity;
    private TrustList trust;
    private DrugLibrary drugLibrary;
    private PumpRequestHandler handler;
    private LinkListener listener = LinkListener.NONE;
    private BooleanSupplier proximity;
    private LongSupplier clock;
    private SecureRandom random;

    private Builder() {}

    public Builder identity(PumpCredential identity) {
      this.identity = identity;
      return this;
    }

    public Builder trust(TrustList trust) {
      this.trust = trust;
      return this;
    }

    public Builder drugLibrary(DrugLibrary drugLibrary) {
      this.drugLibrary = drugLibrary;
      return this;
    }

    public Builder handler(PumpRequestHandler handler) {
      this.handler = handler;
      return this;
    }

    public Builder listener(LinkListener listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /** The HAL's proximity signal (programmer head or patient device close to the implant). */
    public Builder proximity(BooleanSupplier proximity) {
      this.proximity = proximity;
      return this;
    }

    /** The pump's clock in ms since the epoch; the only time source of the endpoint and its rate limiter. */
    public Builder clock(LongSupplier clock) {
      this.clock = clock;
      return this;
    }

    /** Randomness for ephemeral keys and session ids; a {@link SecureRandom} by default. */
    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    public PumpEndpoint build() {
      return new PumpEndpoint(this);
    }
  }
}
