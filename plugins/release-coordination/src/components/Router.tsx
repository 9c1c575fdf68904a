import { Route, Routes } from 'react-router-dom';
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

/** The root page's routes without headers: the app's page layout supplies them (new system). */
export function ReleaseCoordinationRouterContent() {
  return (
    <Routes>
      <Route path="/" element={<TrainsPageContent />} />
      <Route path="/trains/:trainId" element={<TrainPageContent />} />
    </Routes>
  );
}
