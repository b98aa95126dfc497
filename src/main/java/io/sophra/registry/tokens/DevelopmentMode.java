package io.sophra.registry.tokens;

import com.sun.security.auth.module.UnixSystem;
import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.JwtSettings;
import io.sophra.registry.config.NodeSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Development mode, when no key is configured: the registry still never runs open. It signs and
 * verifies with an HS256 secret generated once and kept in {@code <dataDir>/dev-secret}, a regular file
 * (never a symbolic link) of the user running the node, readable only by them, so every dev node of
 * that user on the machine and the {@code token} command share it. Tokens carry
 * the fixed issuer and audience below (unless MODEL_REGISTRY_JWT_ISSUER/_AUDIENCE say otherwise).
 */
final class DevelopmentMode {

  static final String ISSUER = "model-registry-dev";
  static final String AUDIENCE = "model-registry-dev";
  static final String SECRET_FILE = "dev-secret";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private DevelopmentMode() {
  }

  /** The development secret: read from {@code dataDir}, or generated there the first time. */
  static String secret(Path dataDir) {
    Path file = dataDir.resolve(SECRET_FILE);
    try {
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        create(dataDir, file);
      }
      return read(file);
    } catch (IOException e) {
      throw ConfigException.of(NodeSettings.DATA_DIR, "cannot keep the development secret in '" + file.toAbsolutePath()
          + "' (" + e + ")");
    }
  }

  private static void create(Path dataDir, Path file) throws IOException {
    if (!Files.isDirectory(dataDir)) {
      Files.createDirectories(dataDir);
      restrict(dataDir, OWNER_DIRECTORY);
    }
    byte[] random = new byte[48];
    new SecureRandom().nextBytes(random);
    Path draft = Files.createTempFile(dataDir, SECRET_FILE, ".tmp");
    try {
      restrict(draft, OWNER_ONLY);
      Files.writeString(draft, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
      Files.createLink(file, draft);
    } catch (FileAlreadyExistsException e) {
      // another dev node made it first: use theirs
    } catch (UnsupportedOperationException e) {
      Files.move(draft, file);
    } finally {
      Files.deleteIfExists(draft);
    }
  }

  /**
   * Reads the secret only from a regular file of the user running the node, readable by that user
   * alone: a symbolic link could point the node at a file someone else controls, and a file of
   * another user may have been planted so that its owner can mint tokens this node accepts.
   */
  private static String read(Path file) throws IOException {
    String where = "'" + file.toAbsolutePath() + "'";
    if (Files.isSymbolicLink(file)) {
      throw ConfigException.of(NodeSettings.DATA_DIR, where + " is a symbolic link; the development secret must be"
          + " a file of its own: delete the link to generate a new secret");
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw ConfigException.of(NodeSettings.DATA_DIR, where + " is not a regular file");
    }
    checkOwner(file, where);
    if (isPosix(file) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS))) {
      throw ConfigException.of(NodeSettings.DATA_DIR, where + " can be read by other users;"
          + " run: chmod 600 " + file.toAbsolutePath());
    }
    String secret;
    try (var channel = Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
      secret = new String(Channels.newInputStream(channel).readNBytes(4096), StandardCharsets.UTF_8).trim();
    }
    if (secret.getBytes(StandardCharsets.UTF_8).length < JwtSettings.MIN_SECRET_BYTES) {
      throw ConfigException.of(NodeSettings.DATA_DIR, "'" + file.toAbsolutePath() + "' holds no usable secret;"
          + " delete it to generate a new one");
    }
    return secret;
  }

  private static void checkOwner(Path file, String where) throws IOException {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      return;
    }
    long owner = ((Number) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
    long self = new UnixSystem().getUid();
    if (owner != self) {
      throw ConfigException.of(NodeSettings.DATA_DIR, where + " belongs to another user (uid " + owner
          + ", this node runs as uid " + self + "); delete it to generate a secret of your own");
    }
  }

  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    if (isPosix(path)) {
      Files.setPosixFilePermissions(path, permissions);
    } else {
      var file = path.toFile();
      file.setReadable(false, false);
      file.setWritable(false, false);
      file.setReadable(true, true);
      file.setWritable(true, true);
    }
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
