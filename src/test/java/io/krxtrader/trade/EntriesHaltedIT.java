package io.krxtrader.trade;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.system.Halt;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The one kill-switch seam the router, re-entry and execution share, against the real switch. */
@ExtendWith(PostgresExtension.class)
class EntriesHaltedIT {

  @Test
  void the_kill_switch_stops_entries_from_its_commit_until_resume(Database db) throws SQLException {
    TestClock clock = TestClock.kst("09:30:00");
    Halt.Operator operator = new Halt.Operator("trader", "desk", 4242);
    EntriesHalted router = EntriesHalted.killSwitch(db, ModuleRole.ROUTER);
    EntriesHalted execution = EntriesHalted.killSwitch(db, ModuleRole.EXECUTION);
    assertThat(router.halted()).isFalse();

    Halt.halt(db, Optional.of("broker outage"), false, operator, clock);
    assertThat(router.halted()).isTrue();
    assertThat(execution.halted()).isTrue();

    Halt.resume(db, operator, clock);
    assertThat(router.halted()).isFalse();
    assertThat(EntriesHalted.NEVER.halted()).isFalse();
  }
}
