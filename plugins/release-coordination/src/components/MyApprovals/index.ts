export { MyApprovalsPage, MyApprovalsPageContent, MyApprovalsList } from './MyApprovalsPage';
