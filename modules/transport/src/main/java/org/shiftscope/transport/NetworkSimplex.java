package org.shiftscope.transport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.shiftscope.core.TaskMonitor;

/**
 * The transportation simplex (primal network simplex on the bipartite graph) for integer supplies and demands:
 * reference point i supplies {@code supply[i]} units and target point j demands {@code demand[j]} (equal totals).
 * The basis is a spanning tree of n + m - 1 cells kept as parent pointers with child lists; potentials satisfy
 * u_i + v_j = c_ij on the tree; entering cells are priced in blocks of about sqrt(nm) (most negative reduced cost
 * of the first block holding one); the leaving cell is the decreasing cycle cell of least flow.
 *
 * <p>The start is the north-west corner rule on both sides sorted along their principal direction (the optimal
 * coupling in one dimension), so few pivots remain in low-dimensional data.
 *
 * <p>Reference: R. K. Ahuja, T. L. Magnanti, J. B. Orlin, "Network Flows" (1993), ch. 11; block pricing as in
 * LEMON's network simplex (Kovacs, "Minimum-cost flow algorithms: an experimental evaluation", 2015).
 */
final class NetworkSimplex {

    private final int n;
    private final int m;
    private final double[] c;
    private final int nodes;
    /** Tree: parent node (-1 at the root), flow of the edge to the parent, depth, child lists, potentials. */
    private final int[] parent;
    private final long[] flow;
    private final int[] depth;
    private final int[] firstChild;
    private final int[] nextSibling;
    private final int[] prevSibling;
    private final double[] pot;
    private final TaskMonitor monitor;
    private final double eps;
    /** Work arrays of a pivot: the two tree paths to the common ancestor, and a depth-first stack. */
    private final int[] pathA;
    private final int[] pathB;
    private final int[] stack;

    private NetworkSimplex(int n, int m, double[] c, TaskMonitor monitor) {
        this.n = n;
        this.m = m;
        this.c = c;
        this.monitor = monitor;
        nodes = n + m;
        parent = new int[nodes];
        flow = new long[nodes];
        depth = new int[nodes];
        firstChild = new int[nodes];
        nextSibling = new int[nodes];
        prevSibling = new int[nodes];
        pot = new double[nodes];
        pathA = new int[nodes];
        pathB = new int[nodes];
        stack = new int[nodes];
        double max = 0;
        for (double v : c) {
            max = Math.max(max, Math.abs(v));
        }
        eps = 1e-12 * Math.max(max, 1e-300);
    }

    /** The optimal flows; {@code cost} is the n x m cost matrix (row-major). */
    static Flows solve(Points x, Points y, double[] cost, long[] supply, long[] demand, TaskMonitor monitor) {
        NetworkSimplex s = new NetworkSimplex(x.n(), y.n(), cost, monitor);
        s.start(order(x, x, y), order(y, x, y), supply, demand);
        s.pivot();
        return s.flows();
    }

    /** The basis cells that carry flow: {@code flow[e]} units from row {@code rows[e]} to column {@code cols[e]}. */
    record Flows(int[] rows, int[] cols, long[] flow) {
    }

    /** The points' indices sorted by their projection on the pooled first principal direction (power iteration). */
    private static int[] order(Points p, Points x, Points y) {
        int d = x.d();
        double[] mean = new double[d];
        for (Points q : List.of(x, y)) {
            for (int i = 0; i < q.n(); i++) {
                for (int k = 0; k < d; k++) {
                    mean[k] += q.get(i, k) / (x.n() + y.n());
                }
            }
        }
        double[] dir = new double[d];
        Arrays.fill(dir, 1 / Math.sqrt(d));
        for (int it = 0; it < 30; it++) {
            double[] next = new double[d];
            for (Points q : List.of(x, y)) {
                for (int i = 0; i < q.n(); i++) {
                    double dot = 0;
                    for (int k = 0; k < d; k++) {
                        dot += (q.get(i, k) - mean[k]) * dir[k];
                    }
                    for (int k = 0; k < d; k++) {
                        next[k] += dot * (q.get(i, k) - mean[k]);
                    }
                }
            }
            double norm = 0;
            for (double v : next) {
                norm += v * v;
            }
            if (norm == 0) {
                break;
            }
            for (int k = 0; k < d; k++) {
                dir[k] = next[k] / Math.sqrt(norm);
            }
        }
        double[] key = new double[p.n()];
        for (int i = 0; i < p.n(); i++) {
            for (int k = 0; k < d; k++) {
                key[i] += p.get(i, k) * dir[k];
            }
        }
        return java.util.stream.IntStream.range(0, p.n()).boxed()
                .sorted((a, b) -> Double.compare(key[a], key[b])).mapToInt(Integer::intValue).toArray();
    }

    /** North-west corner over the sorted sides: a staircase of n + m - 1 cells, a spanning tree. */
    private void start(int[] rows, int[] cols, long[] supply, long[] demand) {
        List<int[]> cells = new ArrayList<>(nodes);
        List<Long> amounts = new ArrayList<>(nodes);
        long s = supply[rows[0]];
        long d = demand[cols[0]];
        int a = 0;
        int b = 0;
        while (true) {
            long x = Math.min(s, d);
            cells.add(new int[] {rows[a], cols[b]});
            amounts.add(x);
            s -= x;
            d -= x;
            if (a == n - 1 && b == m - 1) {
                break;
            }
            if (s == 0 && a < n - 1) {
                a++;
                s = supply[rows[a]];
            } else {
                b++;
                d = demand[cols[b]];
            }
        }
        // adjacency of the staircase, then a breadth-first tree from row rows[0]
        List<List<int[]>> adj = new ArrayList<>(nodes);
        for (int v = 0; v < nodes; v++) {
            adj.add(new ArrayList<>(2));
        }
        for (int e = 0; e < cells.size(); e++) {
            int i = cells.get(e)[0];
            int j = n + cells.get(e)[1];
            adj.get(i).add(new int[] {j, e});
            adj.get(j).add(new int[] {i, e});
        }
        Arrays.fill(parent, -2);
        Arrays.fill(firstChild, -1);
        int root = rows[0];
        parent[root] = -1;
        int[] queue = new int[nodes];
        int head = 0;
        int tail = 0;
        queue[tail++] = root;
        while (head < tail) {
            int v = queue[head++];
            for (int[] e : adj.get(v)) {
                int w = e[0];
                if (parent[w] == -2) {
                    parent[w] = v;
                    flow[w] = amounts.get(e[1]);
                    depth[w] = depth[v] + 1;
                    pot[w] = cost(v, w) - pot[v];
                    link(w, v);
                    queue[tail++] = w;
                }
            }
        }
    }

    /** c of the cell joining a row node and a column node (in either order). */
    private double cost(int a, int b) {
        return a < n ? c[a * m + (b - n)] : c[b * m + (a - n)];
    }

    private void link(int child, int p) {
        prevSibling[child] = -1;
        nextSibling[child] = firstChild[p];
        if (firstChild[p] >= 0) {
            prevSibling[firstChild[p]] = child;
        }
        firstChild[p] = child;
    }

    private void unlink(int child, int p) {
        if (prevSibling[child] >= 0) {
            nextSibling[prevSibling[child]] = nextSibling[child];
        } else {
            firstChild[p] = nextSibling[child];
        }
        if (nextSibling[child] >= 0) {
            prevSibling[nextSibling[child]] = prevSibling[child];
        }
    }

    private void pivot() {
        int cells = n * m;
        int block = (int) Math.max(64, Math.min(cells, Math.round(Math.sqrt((double) cells))));
        int next = 0;
        long pivots = 0;
        while (true) {
            // block search from cell 'next' (row-major, wrapping): the most negative reduced cost in the first block
            // that has one; rows and columns are walked, not divided out of the cell index
            int bestI = -1;
            int bestJ = -1;
            double best = -eps;
            int i = next / m;
            int j = next % m;
            double ui = pot[i];
            int off = i * m;
            int inBlock = 0;
            for (int scanned = 0; scanned < cells; scanned++) {
                double rc = c[off + j] - ui - pot[n + j];
                if (rc < best) {
                    best = rc;
                    bestI = i;
                    bestJ = j;
                }
                if (++j == m) {
                    j = 0;
                    if (++i == n) {
                        i = 0;
                    }
                    ui = pot[i];
                    off = i * m;
                }
                if (++inBlock == block) {
                    inBlock = 0;
                    if (bestI >= 0) {
                        break;
                    }
                }
            }
            if (bestI < 0) {
                return; // no cell prices out: optimal
            }
            next = i * m + j;
            enter(bestI, n + bestJ);
            if ((++pivots & 1023) == 0) {
                monitor.checkCancelled();
                monitor.progress(-1, "Exact transport (network simplex, " + pivots + " pivots)");
            }
        }
    }

    /**
     * Brings the cell (row u, column v) into the tree: theta moves around the cycle it closes (+ on the entering
     * cell, alternating - and + along the tree path from v to u), the decreasing cell of least flow leaves.
     */
    private void enter(int u, int v) {
        // walk both ends up to their common ancestor; an edge's position from its end fixes its sign (odd: -)
        long theta = Long.MAX_VALUE;
        int leaving = -1; // child node of the leaving edge
        boolean leavingOnV = false;
        int a = v;
        int b = u;
        // positions count from each end along the whole path; walk the deeper end first
        int sizeA = 0;
        int sizeB = 0;
        while (a != b) {
            if (depth[a] >= depth[b]) {
                pathA[sizeA++] = a;
                a = parent[a];
            } else {
                pathB[sizeB++] = b;
                b = parent[b];
            }
        }
        // path from v: pathA edges at positions 1.., then pathB reversed; signs by parity from v's end
        int length = sizeA + sizeB;
        for (int k = 0; k < sizeA; k++) {
            int node = pathA[k];
            boolean decreases = (k + 1) % 2 == 1;
            if (decreases && flow[node] < theta) {
                theta = flow[node];
                leaving = node;
                leavingOnV = true;
            }
        }
        for (int k = 0; k < sizeB; k++) {
            int node = pathB[k];
            int position = length - k; // counted from v's end
            boolean decreases = position % 2 == 1;
            if (decreases && flow[node] < theta) {
                theta = flow[node];
                leaving = node;
                leavingOnV = false;
            }
        }
        for (int k = 0; k < sizeA; k++) {
            flow[pathA[k]] += (k + 1) % 2 == 1 ? -theta : theta;
        }
        for (int k = 0; k < sizeB; k++) {
            flow[pathB[k]] += (length - k) % 2 == 1 ? -theta : theta;
        }
        // the leaving edge joins 'leaving' to its parent; the entering end inside that subtree becomes its root
        int inside = leavingOnV ? v : u;
        int outside = leavingOnV ? u : v;
        // reverse parent pointers from 'inside' up to 'leaving', moving each edge's flow down with it
        int prev = outside;
        long carried = theta; // the entering cell's flow
        int node = inside;
        while (true) {
            int up = parent[node];
            long upFlow = flow[node];
            unlink(node, up);
            parent[node] = prev;
            flow[node] = carried;
            link(node, prev);
            if (node == leaving) {
                break;
            }
            prev = node;
            carried = upFlow;
            node = up;
        }
        // depths and potentials of the re-hung subtree
        int top = 0;
        stack[top++] = inside;
        while (top > 0) {
            int w = stack[--top];
            depth[w] = depth[parent[w]] + 1;
            pot[w] = cost(w, parent[w]) - pot[parent[w]];
            for (int ch = firstChild[w]; ch >= 0; ch = nextSibling[ch]) {
                stack[top++] = ch;
            }
        }
    }

    private Flows flows() {
        int k = 0;
        for (int w = 0; w < nodes; w++) {
            if (parent[w] >= 0 && flow[w] > 0) {
                k++;
            }
        }
        int[] rows = new int[k];
        int[] cols = new int[k];
        long[] f = new long[k];
        int e = 0;
        for (int w = 0; w < nodes; w++) {
            if (parent[w] >= 0 && flow[w] > 0) {
                rows[e] = w < n ? w : parent[w];
                cols[e] = (w < n ? parent[w] : w) - n;
                f[e++] = flow[w];
            }
        }
        return new Flows(rows, cols, f);
    }
}
