/** The Cognito group whose members may call admin routes and see the Admin page. */
export const ADMIN_GROUP = 'admins';
