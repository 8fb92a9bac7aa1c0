// SPDX-License-Identifier: Apache-2.0
package org.openitb.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openitb.link.message.BolusRefusal;
import org.openitb.link.message.Direction;
import org.openitb.link.message.ErrorCode;
import org.openitb.link.message.MessageType;
import org.openitb.link.message.SessionRefusal;
import org.openitb.link.message.WireCode;
import org.openitb.link.session.FrameVerdict;

/** PROTOCOL.md is the specification: its tables must say what the code does (the Parity way). */
class ProtocolSpecTest {
  static final Path SPEC = Path.of("PROTOCOL.md");
  static final Pattern TYPE_ROW = Pattern.compile(
      "^\\| 0x([0-9A-F]{2}) \\| (\\w+) \\| `(\\w+)` \\| (→P|P→) \\| (clear|sealed) \\| ([^|]+) \\| (yes|no) \\| (yes|no) \\| (\\w+|—) \\|$");

  static String spec() throws IOException {
    return Files.readString(SPEC);
  }

  @Test
  void theMessageTypeTableIsTheCodesMetadata() throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : spec().lines().toList()) {
      Matcher m = TYPE_ROW.matcher(line);
      if (m.matches()) {
        MessageType t = MessageType.valueOf(m.group(2));
        assertThat(Integer.parseInt(m.group(1), 16)).as("%s code", t).isEqualTo(t.code());
        assertThat(m.group(3)).isEqualTo(t.messageClass().getSimpleName());
        assertThat(m.group(4)).isEqualTo(t.direction() == Direction.TO_PUMP ? "→P" : "P→");
        assertThat(m.group(5)).as("%s framing", t).isEqualTo(t.sealed() ? "sealed" : "clear");
        String roles = t.allowedRoles().isEmpty() ? "—"
            : List.of(m.group(6).trim().split(", ")).stream().sorted().collect(Collectors.joining(", "));
        assertThat(roles).as("%s roles", t).isEqualTo(t.allowedRoles().isEmpty() ? "—"
            : t.allowedRoles().stream().map(Role::name).sorted().collect(Collectors.joining(", ")));
        assertThat(m.group(7)).as("%s changes delivery", t).isEqualTo(t.changesDelivery() ? "yes" : "no");
        assertThat(m.group(8)).as("%s armed", t).isEqualTo(t.needsArming() ? "yes" : "no");
        assertThat(m.group(9)).as("%s reply", t).isEqualTo(t.reply().map(Enum::name).orElse("—"));
        rows.add(t.name());
      }
    }
    assertThat(rows).containsExactly(java.util.Arrays.stream(MessageType.values()).map(Enum::name).toArray(String[]::new));
  }

  @Test
  void everyCodeTableListsEveryConstantWithItsCode() throws IOException {
    String spec = spec();
    for (WireCode[] values : List.<WireCode[]>of(ErrorCode.values(), SessionRefusal.values(), BolusRefusal.values())) {
      for (WireCode c : values) {
        assertThat(spec).as("%s", c).containsPattern("\\| " + c.code() + " \\| " + ((Enum<?>) c).name() + " ");
      }
    }
    // the table numbers the verdicts in declaration order: reordering FrameVerdict must fail here
    for (FrameVerdict v : FrameVerdict.values()) {
      @SuppressWarnings("EnumOrdinal")
      int code = v.ordinal();
      assertThat(spec).as("verdict code %s", v).containsPattern("\\| " + code + " \\| " + v.name() + " \\|");
    }
    for (Role r : Role.values()) {
      assertThat(spec).contains(r.code() + " " + r.name());
    }
    assertThat(spec.toLowerCase(Locale.ROOT)).contains("aes-128-gcm", "x25519", "ed25519", "hkdf");
  }
}
