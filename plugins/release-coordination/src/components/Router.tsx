import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { Route, Routes } from 'react-router-dom';
import { CadencesContent } from './Cadences';
import { DictionaryPageContent } from './DictionaryPage';
import { MyApprovalsPageContent } from './MyApprovals';
import { ReleaseCalendarContent } from './ReleaseCalendar';
import { ScorecardsPageContent } from './Scorecards';
import { TrainPage, TrainPageContent } from './TrainPage';
import { TrainsPage, TrainsPageContent } from './TrainsPage';

/** The root page's routes with page headers (legacy frontend system). */
export function ReleaseCoordinationRouter() {
  return (
    <Routes>
      <Route path="/" element={<TrainsPage />} />
      <Route path="/trains/:trainId" element={<TrainPage />} />
    </Routes>
  );
}

/*
 * The new frontend system's sub-pages (tabs of the plugin's page). The app's page supplies
 * header and tabs; each sub-page scopes React Router to its own mount through the adapter, so
 * its routes and query strings are relative to `/release-coordination/<sub-page>`.
 */

/** The trains tab: the list at `trains`, each train at `trains/:trainId`. */
export function TrainsSubPageContent() {
  return (
    <ReactRouterV6PageRouter>
      <Routes>
        <Route path="/" element={<TrainsPageContent />} />
        <Route path="/:trainId" element={<TrainPageContent />} />
      </Routes>
    </ReactRouterV6PageRouter>
  );
}

/** The "My approvals" tab. */
export function ApprovalsSubPageContent() {
  return (
    <ReactRouterV6PageRouter>
      <MyApprovalsPageContent />
    </ReactRouterV6PageRouter>
  );
}

/** The release calendar tab; period and filters live in its query string. */
export function CalendarSubPageContent() {
  return (
    <ReactRouterV6PageRouter>
      <ReleaseCalendarContent />
    </ReactRouterV6PageRouter>
  );
}

/** The release cadences tab; the cadence shown lives in its query string. */
export function CadencesSubPageContent() {
  return (
    <ReactRouterV6PageRouter>
      <CadencesContent />
    </ReactRouterV6PageRouter>
  );
}

/** The scorecards tab; scope and period live in its query string. */
export function ScorecardsSubPageContent() {
  return (
    <ReactRouterV6PageRouter>
      <ScorecardsPageContent />
    </ReactRouterV6PageRouter>
  );
}

/** The release dictionary tab. */
export function DictionarySubPageContent() {
  return (
    <ReactRouterV6PageRouter>
      <DictionaryPageContent />
    </ReactRouterV6PageRouter>
  );
}
