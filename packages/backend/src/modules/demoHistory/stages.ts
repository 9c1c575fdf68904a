import { DEFAULT_STAGES } from '@release-coordination/plugin-release-coordination-backend';
import { StageDefinition } from '@release-coordination/plugin-release-coordination-common';

/**
 * The stages and gate templates the history's trains went through: those the plugin gives
 * every train when app-config names no stages. The module seeds nothing when app-config
 * configures other stages.
 */
export const HISTORY_STAGES: StageDefinition[] = DEFAULT_STAGES;
