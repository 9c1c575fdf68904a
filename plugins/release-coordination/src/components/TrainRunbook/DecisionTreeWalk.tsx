import { Box, Button, Paper, Typography } from '@material-ui/core';
import { DecisionTree } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { usePluginTranslation } from '../shared/translation';

/**
 * Walks a decision tree a step at a time: the question with a button per answer, or the
 * action to take; the answers so far stay listed, and a person can go back or start again.
 */
export function DecisionTreeWalk(props: { tree: DecisionTree }) {
  const { tree } = props;
  const { t } = usePluginTranslation();
  const nodes = new Map(tree.nodes.map(node => [node.id, node]));
  const [path, setPath] = useState<Array<{ node: string; answer: string }>>([]);
  const current = nodes.get(
    path.length ? path[path.length - 1].answer : tree.start,
  );
  const answered = path.map(step => ({
    question: nodes.get(step.node)?.text,
    answer: nodes
      .get(step.node)
      ?.options?.find(option => option.next === step.answer)?.label,
  }));
  if (!current) return null;
  return (
    <Box
      role="group"
      aria-label={t('runbook.treeLabel', { step: String(path.length + 1) })}
    >
      {answered.map((step, i) => (
        <Typography key={i} variant="body2" color="textSecondary">
          {step.question} <strong>{step.answer}</strong>
        </Typography>
      ))}
      <Paper variant="outlined" style={{ padding: 16, marginTop: 8 }}>
        <Typography
          variant={current.kind === 'action' ? 'subtitle1' : 'body1'}
          data-testid="decision-tree-step"
        >
          {current.text}
        </Typography>
        <Box display="flex" gridGap={8} mt={1} flexWrap="wrap">
          {current.options?.map(option => (
            <Button
              key={option.label}
              variant="contained"
              color="primary"
              onClick={() =>
                setPath([...path, { node: current.id, answer: option.next }])
              }
            >
              {option.label}
            </Button>
          ))}
          {path.length > 0 && (
            <>
              <Button onClick={() => setPath(path.slice(0, -1))}>
                {t('runbook.back')}
              </Button>
              <Button onClick={() => setPath([])}>
                {t('runbook.restart')}
              </Button>
            </>
          )}
        </Box>
      </Paper>
    </Box>
  );
}
