package dev.specgen.load;

import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * SnakeYAML's Composer minus two behaviours we do not want: merge keys ({@code <<} / {@code !!merge} are YAML 1.1;
 * here they stay ordinary entries for the validator to reject) and its unpositioned exception on complex keys (the
 * converter reports those as SG110 with a position).
 */
final class SpecComposer extends Composer {

    SpecComposer(LoadSettings settings, Parser parser) {
        super(settings, parser);
    }

    @Override
    protected void composeMappingChildren(List<NodeTuple> children, MappingNode node) {
        Node key = composeKeyNode(node);
        Node value = composeValueNode(node);
        children.add(new NodeTuple(key, value));
    }
}
