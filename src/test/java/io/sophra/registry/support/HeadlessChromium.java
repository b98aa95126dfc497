package io.sophra.registry.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, with both paths set explicitly so
 * Selenium Manager is never asked to find (or download) a driver or a browser. Missing packages
 * fail the test with the reason; they are never a skip.
 */
public final class HeadlessChromium implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path profile;

  private HeadlessChromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts a browser with a fresh profile and a window of the given size. */
  public static HeadlessChromium start(int width, int height) {
    for (Path binary : List.of(CHROMEDRIVER, CHROMIUM)) {
      if (!Files.isExecutable(binary)) {
        throw new AssertionError(binary + " is missing: install Debian's chromium and chromium-driver "
            + "(apt-get install chromium chromium-driver; .ci/run does)");
      }
    }
    // Selenium asks Selenium Manager only when neither the service nor this property names a driver.
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    Path profile = temporaryProfile();
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM.toFile())
        .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-quic", "--user-data-dir=" + profile,
            "--window-size=" + width + "," + height);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    try {
      return new HeadlessChromium(new ChromeDriver(service, options), profile);
    } catch (RuntimeException e) {
      delete(profile);
      throw e;
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** The console's errors (level SEVERE) since the last call, one line each. */
  public List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage).collect(Collectors.toList());
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      delete(profile);
    }
  }

  private static Path temporaryProfile() {
    try {
      return Files.createTempDirectory("chromium-profile-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover profile in the temporary directory harms nothing
    }
  }
}
