package io.sophra.registry.tokens;

import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.JwtSettings;
import io.sophra.registry.config.NodeSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Development mode, when no key is configured: the registry still never runs open. It signs and
 * verifies with an HS256 secret generated once and kept in {@code <dataDir>/dev-secret}, readable only
 * by its owner, so every dev node on the machine and the {@code token} command share it. Tokens carry
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
      if (!Files.exists(file)) {
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

  private static String read(Path file) throws IOException {
    if (isPosix(file) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
      throw ConfigException.of(NodeSettings.DATA_DIR, "'" + file.toAbsolutePath() + "' can be read by other users;"
          + " run: chmod 600 " + file.toAbsolutePath());
    }
    String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (secret.getBytes(StandardCharsets.UTF_8).length < JwtSettings.MIN_SECRET_BYTES) {
      throw ConfigException.of(NodeSettings.DATA_DIR, "'" + file.toAbsolutePath() + "' holds no usable secret;"
          + " delete it to generate a new one");
    }
    return secret;
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
