/*
 * Starts one Elasticsearch 8 node for pullwatch's local stack and keeps it running until
 * the process receives SIGTERM or SIGINT.
 *
 * The node is the real server (org.elasticsearch:elasticsearch from Maven Central). Its HTTP
 * and transport layer, the Netty4 plugin, is loaded from the classpath by the test
 * framework's MockPluginsService, the way Elasticsearch's own single-node tests (MockNode)
 * load classpath plugins. MockNode itself is not used: its construction runs the test
 * framework's BootstrapForTesting, which refuses to run as root (CI runs as root) and
 * switches on test-only settings (paranoid Netty leak detection, random seeds). This class
 * builds the same node through the constructor MockNode uses, which is package-private,
 * hence the package below; stack/up.sh compiles it into .stack/classes.
 *
 * Modules that are not published on Maven Central (ILM, the data-streams module, security,
 * ingest-common, mapper-extras, ...) are absent: see stack/README.md.
 *
 * System properties (all optional):
 *   pullwatch.es.home            node home; data, logs and config below it (default .stack/elasticsearch)
 *   pullwatch.es.host            bind and publish address                  (default 127.0.0.1)
 *   pullwatch.es.http_port       HTTP port                                 (default 9200)
 *   pullwatch.es.transport_port  transport port                            (default 9300)
 *   pullwatch.es.cluster         cluster name                              (default pullwatch-local)
 *   pullwatch.es.log4j           log4j2.properties to install in the config directory
 */
package org.elasticsearch.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.MockPluginsService;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;
import org.elasticsearch.transport.netty4.Netty4Plugin;

public final class EsLauncher extends Node {

    private static final String NODE_NAME = "pullwatch-local-es";

    private EsLauncher(Environment environment) {
        super(NodeConstruction.prepareConstruction(environment, null, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, PluginsLoader pluginsLoader) {
                return new MockPluginsService(env.settings(), env, List.of(Netty4Plugin.class));
            }
        }, true));
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("pullwatch.es.home", ".stack/elasticsearch")).toAbsolutePath();
        String host = System.getProperty("pullwatch.es.host", "127.0.0.1");
        String httpPort = System.getProperty("pullwatch.es.http_port", "9200");
        String transportPort = System.getProperty("pullwatch.es.transport_port", "9300");
        String clusterName = System.getProperty("pullwatch.es.cluster", "pullwatch-local");

        Path data = home.resolve("data");
        Path logs = home.resolve("logs");
        Path config = home.resolve("config");
        for (Path dir : List.of(data, logs, config)) {
            Files.createDirectories(dir);
        }
        String log4j = System.getProperty("pullwatch.es.log4j");
        if (log4j != null) {
            Files.copy(Path.of(log4j), config.resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
        }

        Settings settings = Settings.builder()
            .put("cluster.name", clusterName)
            .put("node.name", NODE_NAME)
            .put("path.home", home.toString())
            .putList("path.data", data.toString())
            .put("path.logs", logs.toString())
            .put("network.host", host)
            .put("http.port", httpPort)
            .put("transport.port", transportPort)
            .put("http.type", Netty4Plugin.NETTY_HTTP_TRANSPORT_NAME)
            .put("transport.type", Netty4Plugin.NETTY_TRANSPORT_NAME)
            .put("discovery.type", "single-node")
            // A developer's nearly full disk must not turn the test indices read-only.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();

        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), config, () -> NODE_NAME);
        LogConfigurator.setClusterName(clusterName);
        LogConfigurator.setNodeName(NODE_NAME);
        LogConfigurator.configure(environment, true);

        Node node = new EsLauncher(environment);

        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                closed.countDown();
            }
        }, "pullwatch-es-shutdown"));

        node.start();
        closed.await();
    }
}
