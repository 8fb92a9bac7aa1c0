// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.openitb.clinic.store.Database;

/**
 * For {@link CrashTest}: writes to an H2 file through the clinic's own pool settings
 * ({@link Database#pool}) as the server does, without HTTP in between, so one kill can land among
 * thousands of commits. {@value #THREADS} threads each commit, one at a time under one lock (the
 * server's one-writer lock), a transaction of a row and its audit row, and print {@code ACK id}
 * once the commit returned. Argument: the database folder. Prints {@code READY} first.
 */
public final class CrashWriter {
  static final int THREADS = 4;
  /** The row's filler: a few hundred bytes, like a patient or an audit row. */
  private static final String FILLER = "x".repeat(300);

  private CrashWriter() {}

  /**
   * The JDBC URL of the test database in {@code dir} (the pool adds the clinic's durability settings). H2 reuses the
   * space of unused chunks once they are older than its retention time (45 s); 10 ms lets a few seconds of commits
   * reach the state a server reaches after its first minute, where the kill can land while a chunk goes into such space.
   */
  static String url(Path dir) {
    return "jdbc:h2:file:" + dir.resolve("crash") + ";DB_CLOSE_DELAY=-1;RETENTION_TIME=10";
  }

  public static void main(String[] args) throws InterruptedException, SQLException {
    DataSource ds = Database.pool(url(Path.of(args[0])), "sa", "sa");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS fact(id BIGINT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(400))");
      s.execute("CREATE TABLE IF NOT EXISTS fact_audit(id BIGINT AUTO_INCREMENT PRIMARY KEY, fact_id BIGINT, body VARCHAR(400))");
    }
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    out.println("READY");
    ReentrantLock writes = new ReentrantLock(true);
    for (int t = 0; t < THREADS; t++) {
      Thread.ofPlatform().start(() -> {
        while (true) {
          writes.lock();
          try {
            long id = commit(ds);
            synchronized (out) {
              out.println("ACK " + id);
            }
          } catch (SQLException | RuntimeException e) {
            // end the process, so that the test reads the end of the output instead of waiting for acks that never come
            e.printStackTrace();
            Runtime.getRuntime().halt(1);
          } finally {
            writes.unlock();
          }
        }
      });
    }
    new CountDownLatch(1).await(); // until killed
  }

  /** One committed transaction: a row and its audit row; returns the row's id. */
  private static long commit(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      long id;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO fact(body) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, FILLER);
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO fact_audit(fact_id, body) VALUES (?, ?)")) {
        ps.setLong(1, id);
        ps.setString(2, FILLER);
        ps.executeUpdate();
      }
      c.commit();
      c.setAutoCommit(true);
      return id;
    }
  }
}
