package io.exactsuite.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives a service's Swagger UI in headless chromium as a person would: Authorize with a token, open an
 * operation, "Try it out", fill its parameters and body, Execute, and read the answer shown. Needs Debian's
 * {@code chromium} and {@code chromium-driver} (.ci/run installs them); without them the test is skipped and
 * says so. Every wait is on a condition of the page, never a fixed pause.
 */
public final class SwaggerUi implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final WebDriver browser;
    private final WebDriverWait waiting;

    /** What the page showed after Execute. */
    public record Answer(int status, String body) {
    }

    private SwaggerUi(WebDriver browser) {
        this.browser = browser;
        this.waiting = new WebDriverWait(browser, PATIENCE);
    }

    /** A headless chromium; the calling test is skipped when chromium or its driver is not installed. */
    public static SwaggerUi open(String baseUrl) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver): browser test skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,2400");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        SwaggerUi ui = new SwaggerUi(new ChromeDriver(service, options));
        ui.browser.get(baseUrl);
        return ui;
    }

    /**
     * "Try it out" twice: POST {@code body} to {@code createPath} (with an Idempotency-Key), which must answer 201 with an
     * {@code id}, then GET {@code readPath} (its {@code {id}} filled), which must answer 200; returns the read answer.
     */
    public Answer createThenRead(String createPath, String body, String readPath) throws java.io.IOException {
        Answer created = tryIt("POST", createPath, Map.of("Idempotency-Key", "swagger-" + UUID.randomUUID()), body);
        if (created.status() != 201) {
            throw new AssertionError("POST " + createPath + " answered " + created.status() + ": " + created.body());
        }
        String id = new ObjectMapper().readTree(created.body()).path("id").asText();
        Answer read = tryIt("GET", readPath, Map.of("id", id), null);
        if (read.status() != 200 || !read.body().contains(id)) {
            throw new AssertionError("GET " + readPath + " for " + id + " answered " + read.status() + ": " + read.body());
        }
        return read;
    }

    public WebDriver browser() {
        return browser;
    }

    /** Authorize → paste the bearer token → Authorize → Close (nothing when the page kept an earlier authorization). */
    public void authorize(String token) {
        WebElement button = waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".scheme-container button.btn.authorize")));
        if (List.of(button.getAttribute("class").split("\\s+")).contains("locked")) { // "unlocked" until authorized
            return;
        }
        button.click();
        WebElement input = waiting.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".modal-ux input[type='text'], .modal-ux input[type='password']")));
        input.sendKeys(token);
        click(By.cssSelector(".modal-ux button.modal-btn.authorize"));
        click(By.cssSelector(".modal-ux button.btn-done"));
        waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));
    }

    /**
     * Opens {@code method path}, presses "Try it out", fills {@code parameters} (by name; the Idempotency-Key
     * keeps the example the document offers unless given) and the JSON {@code body}, presses Execute.
     */
    public Answer tryIt(String method, String path, Map<String, String> parameters, String body) {
        WebElement block = operation(method, path);
        if (block.findElements(By.cssSelector(".opblock-body")).isEmpty()) { // collapsed
            block.findElement(By.cssSelector(".opblock-summary")).click();
        }
        WebElement tryOut = waiting.until(d -> visible(block, "button.try-out__btn"));
        if (!tryOut.getText().contains("Cancel")) {
            tryOut.click();
        }
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            WebElement input = waiting.until(d -> visible(block, "tr[data-param-name='" + parameter.getKey() + "'] input"));
            input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            input.sendKeys(parameter.getValue());
        }
        if (body != null) {
            WebElement text = waiting.until(d -> visible(block, "textarea.body-param__text"));
            text.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE); // through the keyboard, so the page's state follows
            text.sendKeys(body);
        }
        block.findElement(By.cssSelector("button.execute")).click();
        WebElement status = waiting.until(d -> visible(block, ".live-responses-table .response .response-col_status"));
        WebElement shown = waiting.until(d -> visible(block, ".live-responses-table .response-col_description pre"));
        return new Answer(Integer.parseInt(status.getText().trim().split("\\s+")[0]), shown.getText());
    }

    /** The operation block whose method and path are these. */
    private WebElement operation(String method, String path) {
        return waiting.until(d -> {
            List<WebElement> blocks = d.findElements(By.cssSelector(".opblock.opblock-" + method.toLowerCase()));
            for (WebElement block : blocks) {
                List<WebElement> paths = block.findElements(By.cssSelector(".opblock-summary-path"));
                if (!paths.isEmpty() && path.equals(paths.get(0).getAttribute("data-path"))) {
                    ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView(true)", block);
                    return block;
                }
            }
            return null;
        });
    }

    private static WebElement visible(WebElement within, String css) {
        for (WebElement element : within.findElements(By.cssSelector(css))) {
            if (element.isDisplayed()) {
                return element;
            }
        }
        return null;
    }

    private void click(By target) {
        waiting.until(ExpectedConditions.elementToBeClickable(target)).click();
    }

    @Override
    public void close() {
        browser.quit();
    }
}
