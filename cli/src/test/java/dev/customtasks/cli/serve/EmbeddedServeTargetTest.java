package dev.customtasks.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import org.junit.jupiter.api.Test;

/** Why the embedded server cannot listen, told from the operating system's words. */
class EmbeddedServeTargetTest {

  @Test
  void aPrivilegedPortIsPermissionDeniedNotAPortInUse() {
    // What Linux says to a user without CAP_NET_BIND_SERVICE binding port 1 (the tests may run as root).
    assertThat(EmbeddedServeTarget.cannotListen("127.0.0.1:1", new BindException("Permission denied")))
        .isEqualTo("cannot listen on 127.0.0.1:1: permission denied (ports below 1024 need root or "
            + "CAP_NET_BIND_SERVICE); choose another with --port");
  }

  @Test
  void aPortInUseSaysSo() {
    assertThat(EmbeddedServeTarget.cannotListen("[0:0:0:0:0:0:0:1]:6443", new BindException("Address already in use")))
        .isEqualTo("cannot listen on [0:0:0:0:0:0:0:1]:6443: the port is in use (is another 'ctk serve --embedded' "
            + "running?); choose another with --port");
  }

  @Test
  void anAddressOfAnotherMachineSaysSo() {
    assertThat(EmbeddedServeTarget.cannotListen("10.1.2.3:6443", new BindException("Cannot assign requested address")))
        .isEqualTo("cannot listen on 10.1.2.3:6443: the address is not one of this machine's; choose another with "
            + "--address");
  }

  @Test
  void anythingElseKeepsTheSystemsWords() {
    assertThat(EmbeddedServeTarget.cannotListen("127.0.0.1:6443", new BindException("Protocol not available")))
        .isEqualTo("cannot listen on 127.0.0.1:6443: Protocol not available; choose another --address or --port");
  }
}
