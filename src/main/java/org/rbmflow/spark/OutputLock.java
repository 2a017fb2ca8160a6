package org.rbmflow.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The lock of one output directory: the file {@value #FILE} holding who has it (host, pid, process start, command,
 * a random token). One rbmflow writer at a time per output: a second sweep, aggregate or report on the same output
 * is refused with a line naming the holder.
 *
 * <p><b>Taking it</b> is atomic: the holder's record is written to a temporary file which is then linked (local disk,
 * link(2)) or renamed (Hadoop file systems; HDFS's rename fails when the target exists) to {@value #FILE}, so the
 * lock never exists without its record.
 *
 * <p><b>Stale locks.</b> A lock whose holder is gone is taken over: on the same host when no process with its pid and
 * start time is alive; from another host when its heartbeat is older than {@link #STALE_AFTER} (the holder touches
 * the file every {@link #HEARTBEAT}; clocks must agree within minutes). Take-over is serialised by a second file,
 * {@value #TAKEOVER}, created the same atomic way, and deletes the stale lock only if it still holds the token judged
 * stale.
 *
 * <p><b>Limits.</b> Object stores (s3a) have no atomic create-if-absent rename: two writers starting within the same
 * second may both get the lock there. The lock is advisory: it guards rbmflow against rbmflow.
 */
public final class OutputLock implements AutoCloseable {
  public static final String FILE = "_lock";
  static final String TAKEOVER = "_lock.takeover";
  static final long HEARTBEAT = TimeUnit.SECONDS.toMillis(30);
  static final long STALE_AFTER = TimeUnit.MINUTES.toMillis(10);

  private final Path file;
  private final Configuration conf;
  private final String token;
  private final ScheduledExecutorService heartbeat;

  private OutputLock(Path file, Configuration conf, String token) {
    this.file = file;
    this.conf = conf;
    this.token = token;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "rbmflow-lock-heartbeat");
      t.setDaemon(true);
      return t;
    });
    heartbeat.scheduleAtFixedRate(this::touch, HEARTBEAT, HEARTBEAT, TimeUnit.MILLISECONDS);
  }

  /** The output is held by another live writer. */
  public static final class HeldException extends IOException {
    public HeldException(String message) {
      super(message);
    }
  }

  /** Who holds a lock, as its file says. */
  public record Holder(String host, long pid, String processStart, String started, String command, String token) {
    String describe() {
      return "`rbmflow " + command + "` on host " + host + ", pid " + pid + ", since " + started;
    }
  }

  /**
   * Takes the lock of the output {@code root} (which must exist) for {@code command}.
   *
   * @throws HeldException naming the holder when another live writer has it
   */
  public static OutputLock acquire(Path root, Configuration conf, String command) throws IOException {
    Path file = new Path(root, FILE);
    Holder me = self(command);
    for (int attempt = 0; attempt < 20; attempt++) {
      if (createAtomically(file, conf, format(me))) {
        return new OutputLock(file, conf, me.token());
      }
      Optional<Holder> holder = read(file, conf);
      if (holder.isEmpty()) {
        continue;   // released between our attempt and the read
      }
      if (!isStale(holder.get(), file, conf)) {
        throw new HeldException("'" + root + "' is in use by " + holder.get().describe()
            + "; wait for it to finish (a lock whose process has died is taken over automatically)");
      }
      takeOver(root, file, conf, holder.get(), me);
    }
    throw new HeldException("could not take the lock " + file + " (it changed hands 20 times)");
  }

  /**
   * Who holds the lock of an output, read without taking it.
   *
   * @param holder           as the lock file records it
   * @param heartbeatSeconds seconds since the holder last touched the file
   * @param stale            whether the holder is gone (the next writer takes the lock over)
   */
  public record State(Holder holder, double heartbeatSeconds, boolean stale) {}

  /** The lock of the output {@code root} as it is now, or empty when no one holds it. Reads only. */
  public static Optional<State> inspect(Path root, Configuration conf) throws IOException {
    Path file = new Path(root, FILE);
    Optional<Holder> h = read(file, conf);
    if (h.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new State(h.get(), ageMillis(file, conf) / 1e3, isStale(h.get(), file, conf)));
  }

  /** The token of this lock (for tests). */
  String token() {
    return token;
  }

  /** Releases the lock if the file still holds this lock's token. */
  @Override
  public void close() throws IOException {
    heartbeat.shutdownNow();
    Optional<Holder> h = read(file, conf);
    if (h.isPresent() && h.get().token().equals(token)) {
      file.getFileSystem(conf).delete(file, false);
    }
  }

  private void touch() {
    try {
      file.getFileSystem(conf).setTimes(file, System.currentTimeMillis(), -1);
    } catch (IOException | RuntimeException e) {
      // a missed heartbeat only matters after STALE_AFTER without any
    }
  }

  static Holder self(String command) {
    ProcessHandle me = ProcessHandle.current();
    return new Holder(hostName(), me.pid(), me.info().startInstant().map(Instant::toString).orElse("?"),
        Instant.now().toString(), command, UUID.randomUUID().toString());
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  static String format(Holder h) {
    return "host=" + h.host() + "\npid=" + h.pid() + "\nprocess_start=" + h.processStart() + "\nstarted=" + h.started()
        + "\ncommand=" + h.command() + "\ntoken=" + h.token() + "\n";
  }

  /** The holder recorded in {@code file}, or empty when there is no such file. Unparseable → a stale-looking one. */
  static Optional<Holder> read(Path file, Configuration conf) throws IOException {
    String text;
    try (InputStream in = file.getFileSystem(conf).open(file)) {
      text = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
    Map<String, String> kv = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        kv.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    long pid;
    try {
      pid = Long.parseLong(kv.getOrDefault("pid", "-1"));
    } catch (NumberFormatException e) {
      pid = -1;
    }
    return Optional.of(new Holder(kv.getOrDefault("host", "?"), pid, kv.getOrDefault("process_start", "?"),
        kv.getOrDefault("started", "?"), kv.getOrDefault("command", "?"), kv.getOrDefault("token", "")));
  }

  /**
   * Whether the holder is gone: on this host, no live process with its pid and start time; elsewhere (or when the
   * record is unreadable), no heartbeat for {@link #STALE_AFTER}.
   */
  static boolean isStale(Holder h, Path file, Configuration conf) throws IOException {
    if (h.host().equals(hostName()) && h.pid() > 0) {
      Optional<ProcessHandle> p = ProcessHandle.of(h.pid());
      if (p.isEmpty() || !p.get().isAlive()) {
        return true;
      }
      String start = p.get().info().startInstant().map(Instant::toString).orElse("?");
      return !h.processStart().equals("?") && !start.equals("?") && !start.equals(h.processStart());
    }
    return ageMillis(file, conf) > STALE_AFTER;
  }

  private static long ageMillis(Path file, Configuration conf) throws IOException {
    try {
      FileStatus st = file.getFileSystem(conf).getFileStatus(file);
      return System.currentTimeMillis() - st.getModificationTime();
    } catch (FileNotFoundException e) {
      return 0;
    }
  }

  /**
   * Removes the stale lock of {@code stale}, serialised by {@value #TAKEOVER}: only the writer that created that
   * file deletes the lock, and only if the lock still holds the stale token (another writer may have taken it over
   * and be alive). A take-over file older than a minute belongs to a writer that died while taking over.
   */
  private static void takeOver(Path root, Path file, Configuration conf, Holder stale, Holder me) throws IOException {
    Path guard = new Path(root, TAKEOVER);
    FileSystem fs = file.getFileSystem(conf);
    if (!createAtomically(guard, conf, format(me))) {
      if (ageMillis(guard, conf) > TimeUnit.MINUTES.toMillis(1)) {
        fs.delete(guard, false);
      } else {
        sleep(200);
      }
      return;
    }
    try {
      Optional<Holder> now = read(file, conf);
      if (now.isPresent() && now.get().token().equals(stale.token())) {
        fs.delete(file, false);
      }
    } finally {
      fs.delete(guard, false);
    }
  }

  /** Creates {@code file} with {@code text} unless it exists: write a temporary file, then link or rename it. */
  static boolean createAtomically(Path file, Configuration conf, String text) throws IOException {
    Path tmp = AtomicFiles.tempSibling(file);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    java.nio.file.Path local = AtomicFiles.localPath(file, conf);
    if (local != null) {
      java.nio.file.Path localTmp = AtomicFiles.localPath(tmp, conf);
      Files.write(localTmp, bytes);
      try {
        Files.createLink(local, localTmp);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException | IOException e) {
        // a file system without hard links: exclusive create, then the record
        try (OutputStream out = Files.newOutputStream(local, java.nio.file.StandardOpenOption.CREATE_NEW)) {
          out.write(bytes);
          return true;
        } catch (FileAlreadyExistsException exists) {
          return false;
        }
      } finally {
        Files.deleteIfExists(localTmp);
      }
    }
    FileSystem fs = file.getFileSystem(conf);
    try (OutputStream out = fs.create(tmp, false)) {
      out.write(bytes);
    }
    try {
      if (fs.rename(tmp, file)) {
        return true;
      }
      return false;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } finally {
      fs.delete(tmp, false);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
