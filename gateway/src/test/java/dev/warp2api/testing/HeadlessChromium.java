package dev.warp2api.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's {@code chromium}, headless, driven through its own {@code chromedriver} (never one
 * Selenium Manager would download: these machines have no internet). A missing browser fails the
 * test that asked for it; it is never skipped. {@code -Dw2a.chromium=...} and
 * {@code -Dw2a.chromedriver=...} point elsewhere.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final String BROWSER = System.getProperty("w2a.chromium", "/usr/bin/chromium");
  public static final String DRIVER =
      System.getProperty("w2a.chromedriver", "/usr/bin/chromedriver");

  public final ChromeDriver driver;
  private final ChromeDriverService service;

  private HeadlessChromium(ChromeDriver driver, ChromeDriverService service) {
    this.driver = driver;
    this.service = service;
  }

  /** Starts the browser with a window of {@code width} x {@code height} CSS pixels. */
  public static HeadlessChromium start(int width, int height) {
    for (String file : new String[] {BROWSER, DRIVER}) {
      if (!Files.isExecutable(Path.of(file))) {
        throw new AssertionError(file + " is missing: install the Debian packages chromium and"
            + " chromium-driver (.ci/run does) to run the dashboard's browser test");
      }
    }
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER);
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // CI containers run as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--window-size=" + width + "," + height);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(DRIVER))
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new HeadlessChromium(driver, service);
  }

  /** A wait of at most {@code seconds} for something the page will show. */
  public WebDriverWait waitUpTo(int seconds) {
    // The page redraws its tables on every poll: an element found a moment ago may be gone.
    WebDriverWait wait =
        new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(100));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /**
   * Lays the page out as a phone of {@code width} x {@code height} would (Chromium windows do not
   * get narrower than about 500 px, so the viewport is emulated).
   */
  public void emulateViewport(int width, int height) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
  }

  /** Saves what the browser shows to {@code target/<name>.png} and returns the file. */
  public Path screenshot(String name) {
    try {
      Path out = Path.of("target", name + ".png");
      Files.createDirectories(out.getParent());
      File shot = driver.getScreenshotAs(OutputType.FILE);
      return Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
