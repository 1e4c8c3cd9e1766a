package dev.engram.core.store.jdbc;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A data source over a fixed set of open connections. {@link #getConnection()} lends one (waiting up to the timeout
 * when all are lent); closing the lent handle rolls back an unfinished transaction, restores auto-commit and returns the
 * connection. With one connection it is a writer queue.
 */
final class FixedConnectionPool implements DataSource, AutoCloseable {

    private final List<Connection> connections;
    private final BlockingQueue<Connection> idle;
    private final Duration timeout;
    private final String name;
    private volatile boolean closed;

    FixedConnectionPool(String name, List<Connection> connections, Duration timeout) {
        this.name = name;
        this.connections = List.copyOf(connections);
        this.idle = new ArrayBlockingQueue<>(connections.size(), false, connections);
        this.timeout = timeout;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) throw new SQLException("The " + name + " connections are closed");
        Connection connection;
        try {
            connection = idle.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting for a " + name + " connection", e);
        }
        if (connection == null) throw new SQLTimeoutException("No " + name + " connection free within " + timeout.toMillis() + " ms");
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                new Lent(connection));
    }

    @Override
    public void close() throws SQLException {
        closed = true;
        SQLException failure = null;
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }

    private void giveBack(Connection connection) throws SQLException {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } finally {
            idle.add(connection);
        }
    }

    /** The handle of one lending: every call goes to the connection until {@code close()} gives it back. */
    private final class Lent implements InvocationHandler {
        private final Connection connection;
        private boolean returned;

        Lent(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (!returned) {
                        returned = true;
                        giveBack(connection);
                    }
                    return null;
                }
                case "isClosed" -> {
                    return returned || connection.isClosed();
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return name + " connection " + connection;
                }
                default -> {
                    if (returned) throw new SQLException("The " + name + " connection was closed");
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("The " + name + " connections take no credentials");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) return type.cast(this);
        throw new SQLException("Not a wrapper of " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
