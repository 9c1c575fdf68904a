export { MyApprovalsPage, MyApprovalsPageContent, MyApprovalsList } from './MyApprovalsPage';
export { MyApprovalsHomeCardContent } from './MyApprovalsHomeCard';
